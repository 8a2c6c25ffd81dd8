"""An accepted return locks its quarter's figures: updates, imports and undo all respect it."""

import asyncio
from datetime import date

import pytest

from tests.cli.test_commands import tracker
from tests.returns.test_steps import BUSINESS_UNIT, CHAIR, Q1, do_accept, do_submit, tvp_plan
from tests.support.returns import tvp_q2
from tracker.core.tables import Action, ImportRecord, Update
from tracker.imports.undo import UndoRefused, undo_import
from tracker.plans.statuses import statuses
from tracker.updates.rules import UpdateForm
from tracker.updates.store import record_update

Q1_END = date(2020, 6, 30)


@pytest.fixture
def accepted_q1(tvp_db):
    """TVP's 2020-21 Q1 return, filled by the import as at 30 Jun 2020, submitted and accepted."""
    plan_id = tvp_plan()
    do_submit(plan_id, BUSINESS_UNIT, quarter=Q1)
    do_accept(plan_id, person=CHAIR, quarter=Q1)
    return tvp_db


def tvp_action() -> dict:
    return (
        Action.select(Action.id, Action.version)
        .where(Action.plan == tvp_plan())
        .order_by(Action.position)
        .first()
        .run_sync()
    )


def q1_figures() -> dict:
    found = asyncio.run(statuses(Q1_END, plan_id=tvp_plan()))
    return {action_id: (status.rag, status.progress) for action_id, status in found.items()}


def test_an_update_dated_in_an_accepted_quarter_is_dated_on_the_next_quarters_first_day(
    accepted_q1,
):
    action = tvp_action()
    before = q1_figures()
    recorded = asyncio.run(
        record_update(
            action["id"],
            UpdateForm("red", "Training paused", "2020-06-30"),
            version=action["version"],
            person=BUSINESS_UNIT,
            today=date(2020, 7, 20),
        )
    )
    assert recorded.moved_from == Q1_END
    assert recorded.state.latest.as_at == date(2020, 7, 1)
    latest = Update.select(Update.as_at).where(Update.action == action["id"])
    assert max(row["as_at"] for row in latest.run_sync()) == date(2020, 7, 1)
    assert q1_figures() == before


def test_an_update_in_an_open_quarter_keeps_its_day(tvp_db):
    action = tvp_action()
    recorded = asyncio.run(
        record_update(
            action["id"],
            UpdateForm("red", "Training paused", "2020-06-30"),
            version=action["version"],
            person=BUSINESS_UNIT,
            today=date(2020, 7, 20),
        )
    )
    assert recorded.moved_from is None
    assert recorded.state.latest.as_at == Q1_END


@pytest.mark.programs  # runs `tracker import`
def test_importing_a_return_as_at_a_day_in_an_accepted_quarter_is_refused(accepted_q1, tmp_path):
    changed = tvp_q2(tmp_path)
    updates, imports = Update.count().run_sync(), ImportRecord.count().run_sync()
    done = tracker(
        "import", str(changed), "--as-at", "2020-06-15", database_url=accepted_q1, check=False
    )
    assert done.returncode == 1
    assert "2020-21 Q1 return of Thames Valley Police was accepted" in done.stdout + done.stderr
    assert "its figures are locked" in done.stdout + done.stderr
    assert (Update.count().run_sync(), ImportRecord.count().run_sync()) == (updates, imports)


def test_the_import_that_filled_an_accepted_return_cannot_be_undone(accepted_q1):
    tvp_import = ImportRecord.file_name == "agency-tvp-2020-21-q1.xlsx"
    [record] = ImportRecord.select(ImportRecord.id).where(tvp_import).run_sync()
    with pytest.raises(UndoRefused, match="accepted"):
        asyncio.run(undo_import(record["id"], undone_by="officer"))
    assert ImportRecord.select().where(tvp_import).first().run_sync()["undone_at"] is None
