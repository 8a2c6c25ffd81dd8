"""My actions' list is kept between views (tracker.core.kept_counts) and every change that
alters it ends it: each view gives what working it out afresh gives."""

from __future__ import annotations

import asyncio
from datetime import UTC, date, datetime

from tests.support.queries import counting_queries
from tracker.core.tables import Action, Plan, PlanReturn, Update
from tracker.updates.my_actions import _worked_out, my_actions

TODAY = date(2020, 11, 10)  # collecting 2020-21 Q2 (July to September)


def _tvp() -> tuple[frozenset[int], int]:
    row = Plan.select(Plan.id, Plan.agency).where(Plan.kind == "agency").first().run_sync()
    return frozenset({row["agency"]}), row["id"]


def _updated(action_id: int, as_at: date) -> None:
    Update.insert(
        Update(action=action_id, rag="green", progress="Done", as_at=as_at,
               recorded_at=datetime(2020, 11, 2, tzinfo=UTC),
               recorded_by="lead@example.org", source="web")
    ).run_sync()  # fmt: skip


def _lists(agencies: frozenset[int], names: frozenset[str]):
    """(the kept list, as a page gets it; the list worked out afresh)."""

    async def both():
        return await my_actions(agencies, names, TODAY), await _worked_out(
            agencies, names, TODAY, None
        )

    return asyncio.run(both())


def test_a_second_view_reads_the_kept_list_and_no_action(seeded_db):
    agencies, _ = _tvp()
    first = asyncio.run(my_actions(agencies, frozenset(), TODAY))
    assert first.actions
    with counting_queries() as log:
        again = asyncio.run(my_actions(agencies, frozenset(), TODAY))
    assert again == first
    assert not any("action_update" in q or '"action"' in q for q in log.queries), log.queries


def test_each_change_to_what_the_list_shows_ends_the_kept_one(seeded_db):
    agencies, plan_id = _tvp()
    names = frozenset({"Designated Nurse"})
    kept, fresh = _lists(agencies, names)
    assert kept == fresh
    listed = [item.action_id for item in kept.actions]
    not_updated = next(item.action_id for item in kept.actions if not item.updated_this_quarter)

    def changed(change) -> None:
        before = asyncio.run(my_actions(agencies, names, TODAY))
        change()
        after, fresh = _lists(agencies, names)
        assert after == fresh
        assert after != before

    # An update dated in the quarter collected: the action is updated for it, and last.
    changed(lambda: _updated(not_updated, date(2020, 9, 30)))
    # An action of another plan whose lead comes to name their title: it joins the list.
    other = (
        Action.select(Action.id)
        .where(Action.plan != plan_id, Action.id.not_in(listed))
        .first()
        .run_sync()["id"]
    )
    changed(
        lambda: (
            Action.update({Action.lead: "Designated Nurse"}).where(Action.id == other).run_sync()
        )
    )
    # An action withdrawn before today: it leaves the list.
    changed(
        lambda: (
            Action.update({Action.withdrawn_on: date(2020, 11, 1)})
            .where(Action.id == listed[0])
            .run_sync()
        )
    )
    # Their places in the plan: the list's order.
    now = asyncio.run(my_actions(agencies, names, TODAY)).actions
    first, second = next(
        (one.action_id, other.action_id)
        for one, other in zip(now, now[1:], strict=False)
        if (one.plan_id, one.updated_this_quarter) == (other.plan_id, other.updated_this_quarter)
    )
    positions = {
        row["id"]: row["position"]
        for row in Action.select(Action.id, Action.position)
        .where(Action.id.is_in([first, second]))
        .run_sync()
    }

    def swapped() -> None:
        Action.update({Action.position: positions[second]}).where(Action.id == first).run_sync()
        Action.update({Action.position: positions[first]}).where(Action.id == second).run_sync()

    changed(swapped)
    # The plan's return for the quarter accepted: "updated" is then whether the standing
    # update is dated this quarter.
    now = asyncio.run(my_actions(agencies, names, TODAY)).actions
    action_id, its_plan = next(
        (item.action_id, item.plan_id) for item in now if not item.updated_this_quarter
    )
    _updated(action_id, date(2020, 11, 1))
    changed(  # fmt: skip
        lambda: PlanReturn.insert(
            PlanReturn(
                plan=its_plan,
                quarter="2020-21-Q2",
                state="accepted",
                started_at=datetime(2020, 10, 1, tzinfo=UTC),
            )
        ).run_sync()
    )
