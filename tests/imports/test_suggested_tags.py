"""Importing suggests core-component tags for new agency actions, and undo takes them back."""

import asyncio
from datetime import date

import pytest

from tests.support.returns import TVP_Q1, tvp_q2
from tracker.accounts.sessions import SignedIn
from tracker.core.roles import Role
from tracker.core.tables import Action, ActionCoreComponent, ImportRecord
from tracker.coverage.store import set_core_components
from tracker.imports.service import import_workbook
from tracker.imports.undo import UndoRefused, undo_import

Q1_END, Q2_END = date(2020, 6, 30), date(2020, 9, 30)
BUSINESS_UNIT = SignedIn(1, "bu@example.org", "", Role.BUSINESS_UNIT, frozenset())


def run_import(path, as_at):
    return asyncio.run(
        import_workbook(path, file_name=path.name, as_at=as_at, recorded_by="officer")
    )


def tags(plan_name: str) -> dict[str, list[tuple[int, bool]]]:
    """Each action's tags by ref: (component number, suggested)."""
    rows = (
        ActionCoreComponent.select(
            ActionCoreComponent.action.ref.as_alias("ref"),
            ActionCoreComponent.core_component.number.as_alias("number"),
            ActionCoreComponent.suggested,
        )
        .where(ActionCoreComponent.action.plan.name == plan_name)
        .run_sync()
    )
    found: dict[str, list[tuple[int, bool]]] = {}
    for row in sorted(rows, key=lambda row: (row["ref"], row["number"])):
        found.setdefault(row["ref"], []).append((row["number"], row["suggested"]))
    return found


def tvp_action(ref: str) -> dict:
    return (
        Action.select(Action.id, Action.version)
        .where((Action.ref == ref) & (Action.plan.name == "Thames Valley Police"))
        .first()
        .run_sync()
    )


def test_an_agency_return_tags_each_new_action_with_the_components_its_objective_copies(
    seeded_db,
):
    run_import(TVP_Q1, Q1_END)
    assert tags("Thames Valley Police") == {
        ref: [(int(ref.split(".")[0]), True)]
        for ref in ("1.1 1.2 2.1 2.2 4.1 7.1 7.2 8.1 8.2 9.1 10.1 11.1 11.2".split())
    }


def test_seeding_suggests_tags_for_additional_actions_but_never_for_the_overarching_plan(
    seeded_db,
):
    csc = "Oxfordshire County Council, Children's Social Care (additional actions)"
    assert tags(csc) == {"2.1": [(7, True)], "2.2": [(7, True)]}
    assert tags("Overarching") == {}


def test_undoing_an_import_removes_the_tags_it_suggested(seeded_db):
    before = ActionCoreComponent.count().run_sync()
    outcome = run_import(TVP_Q1, Q1_END)
    assert ActionCoreComponent.count().run_sync() == before + 13
    asyncio.run(undo_import(outcome.import_id, undone_by="officer"))
    assert tags("Thames Valley Police") == {}
    assert ActionCoreComponent.count().run_sync() == before


def test_a_later_return_keeps_confirmed_tags_and_duplicates_none(seeded_db, tmp_path):
    run_import(TVP_Q1, Q1_END)
    confirmed = tvp_action("1.1")
    asyncio.run(
        set_core_components(
            confirmed["id"], ["1", "3"], version=confirmed["version"], person=BUSINESS_UNIT
        )
    )
    first = tags("Thames Valley Police")

    run_import(TVP_Q1, Q1_END)  # the same return again
    run_import(tvp_q2(tmp_path), Q2_END)  # 1.1 progresses, 11.3 is new

    after = tags("Thames Valley Police")
    assert after["1.1"] == [(1, False), (3, False)]
    assert {ref: found for ref, found in after.items() if ref != "11.3"} == first
    assert after["11.3"] == [(11, True)]  # under objective 11, as a new action


def test_an_import_cannot_be_undone_once_someone_has_tagged_one_of_its_new_actions(seeded_db):
    outcome = run_import(TVP_Q1, Q1_END)
    action = tvp_action("4.1")
    asyncio.run(
        set_core_components(action["id"], ["4"], version=action["version"], person=BUSINESS_UNIT)
    )
    with pytest.raises(UndoRefused, match="4.1"):
        asyncio.run(undo_import(outcome.import_id, undone_by="officer"))
    assert tags("Thames Valley Police")["4.1"] == [(4, False)]
    record = ImportRecord.select().where(ImportRecord.id == outcome.import_id).first().run_sync()
    assert record["undone_at"] is None
