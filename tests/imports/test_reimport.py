"""A later return of the same plan updates it in place, and can be taken back."""

import asyncio
from datetime import date

import pytest

from tests.support.returns import TVP_Q1, tvp_q2
from tracker.core.tables import Action, ImportRecord, Update
from tracker.imports.service import import_workbook
from tracker.imports.undo import UndoRefused, undo_import
from tracker.plans.plan import plan_view

Q1_END, Q2_END = date(2020, 6, 30), date(2020, 9, 30)


def run_import(path, as_at, **options):
    return asyncio.run(
        import_workbook(path, file_name=path.name, as_at=as_at, recorded_by="officer", **options)
    )


def tvp_actions(as_at):
    plan_id = Action.select(Action.plan).where(Action.plan.name == "Thames Valley Police")
    first = plan_id.first().run_sync()
    view = asyncio.run(plan_view(first["plan"], as_at))
    return {action.ref: action for action in view.actions}


def history(ref):
    return (
        Update.select(Update.rag, Update.progress, Update.as_at)
        .where((Update.action.ref == ref) & (Update.action.plan.name == "Thames Valley Police"))
        .order_by(Update.as_at)
        .run_sync()
    )


@pytest.fixture
def after_q1(seeded_db):
    outcome = run_import(TVP_Q1, Q1_END)
    assert outcome.result["summary"] == {"created": 13, "updated": 0, "unchanged": 0}
    return outcome


def test_a_q2_return_updates_the_plan_in_place(after_q1, tmp_path):
    outcome = run_import(tvp_q2(tmp_path), Q2_END)

    assert outcome.result["summary"] == {"created": 1, "updated": 3, "unchanged": 9}
    assert Action.count().where(Action.plan.name == "Thames Valley Police").run_sync() == 14
    assert [(u["rag"], u["progress"]) for u in history("1.1")] == [
        ("amber", "two of five briefings delivered"),
        ("amber", "three of five briefings delivered"),
    ]
    assert [u["rag"] for u in history("4.1")] == ["red", "amber"]
    assert len(history("1.2")) == 1  # only its lead changed
    assert tvp_actions(Q2_END)["1.2"].lead == "Head of Safeguarding"


def test_the_plan_as_at_q1_end_is_unchanged_by_the_q2_return(after_q1, tmp_path):
    run_import(tvp_q2(tmp_path), Q2_END)
    q1, q2 = tvp_actions(Q1_END), tvp_actions(Q2_END)
    assert (q1["4.1"].rag, q2["4.1"].rag) == ("red", "amber")
    assert q1["1.1"].progress == "two of five briefings delivered"


def test_an_action_missing_from_a_later_return_is_kept_and_reported(after_q1, tmp_path):
    outcome = run_import(tvp_q2(tmp_path), Q2_END)
    assert "11.1" in tvp_actions(Q2_END)
    messages = [warning["message"] for warning in outcome.result["warnings"]]
    assert any(
        m.startswith("Action 11.1 of Thames Valley Police is not in this return") for m in messages
    )


def test_the_same_return_twice_duplicates_nothing(after_q1):
    again = run_import(TVP_Q1, Q1_END)
    assert again.result["summary"] == {"created": 0, "updated": 0, "unchanged": 13}
    assert Update.count().run_sync() == 12  # 12 of the 13 actions carry a RAG or progress


def test_every_import_is_recorded_with_its_file_hash_and_counts(after_q1):
    record = ImportRecord.select().where(ImportRecord.id == after_q1.import_id).first().run_sync()
    assert record["file_name"] == "agency-tvp-2020-21-q1.xlsx"
    assert len(record["sha256"]) == 64
    assert (record["created"], record["updated"], record["unchanged"]) == (13, 0, 0)
    assert record["as_at"] == Q1_END
    assert record["plans"] == "Thames Valley Police"


def test_a_dry_run_writes_nothing_not_even_a_record(seeded_db):
    before = ImportRecord.count().run_sync()
    outcome = run_import(TVP_Q1, Q1_END, dry_run=True)
    assert outcome.import_id is None
    assert ImportRecord.count().run_sync() == before
    assert Action.count().where(Action.plan.name == "Thames Valley Police").run_sync() == 0


def test_undoing_the_q2_return_restores_q1_exactly(after_q1, tmp_path):
    q1_state = tvp_actions(Q2_END)
    q2 = run_import(tvp_q2(tmp_path), Q2_END)

    report = asyncio.run(undo_import(q2.import_id, undone_by="officer"))

    # updates: 1.1 and 4.1, and the new 11.3 rated green; 11.3 removed; 1.2 lead reverted
    assert (report.removed_updates, report.removed_actions, report.reverted_actions) == (3, 1, 1)
    restored = tvp_actions(Q2_END)
    assert restored.keys() == q1_state.keys()
    for ref, action in restored.items():
        assert (action.lead, action.rag, action.progress) == (
            q1_state[ref].lead,
            q1_state[ref].rag,
            q1_state[ref].progress,
        )
    record = ImportRecord.select().where(ImportRecord.id == q2.import_id).first().run_sync()
    assert record["undone_by"] == "officer" and record["undone_at"] is not None


def test_an_import_cannot_be_undone_twice(after_q1):
    asyncio.run(undo_import(after_q1.import_id, undone_by="officer"))
    with pytest.raises(UndoRefused, match="already undone"):
        asyncio.run(undo_import(after_q1.import_id, undone_by="officer"))
    assert Action.count().where(Action.plan.name == "Thames Valley Police").run_sync() == 0


def test_an_import_that_later_changes_build_on_cannot_be_undone(after_q1, tmp_path):
    run_import(tvp_q2(tmp_path), Q2_END)
    with pytest.raises(UndoRefused, match=r"actions 1\.1, 1\.2, 4\.1 have changed since"):
        asyncio.run(undo_import(after_q1.import_id, undone_by="officer"))
    assert Action.count().where(Action.plan.name == "Thames Valley Police").run_sync() == 14
