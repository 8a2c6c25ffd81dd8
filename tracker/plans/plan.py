"""A plan as at a day: its objectives, in order, each with its actions and their status.

A short plan (the real ones hold 5-40 actions) shows every action. A long one shows its
objectives with their counts, and one objective's actions, a page at a time, when one is
chosen: the page's size and queries do not grow with the plan.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from functools import reduce

from tracker.core.paging import Paging, paging
from tracker.core.rag import RagCounts
from tracker.core.tables import Plan
from tracker.plans.model import ActionAsAt, action_as_at
from tracker.plans.objective_counts import ActionCounts, ObjectiveCounts, objective_counts
from tracker.plans.queries import actions_as_at, objective_rows, one_action_as_at
from tracker.plans.statuses import statuses

LONG_PLAN = 100  # a plan with more actions than this shows its objectives, not every action
OBJECTIVE_PAGE = 50  # the actions a page of one objective shows


@dataclass(frozen=True)
class ObjectiveSection:
    ref: str
    text: str
    actions: tuple[ActionAsAt, ...]
    id: int = 0


@dataclass(frozen=True)
class PlanView:
    id: int
    name: str
    kind: str
    agency: str | None
    as_at: date
    objectives: tuple[ObjectiveSection, ...]  # those shown with their actions
    agency_id: int | None = None
    # Every objective of the plan with its actions counted; the plan's sum.
    counted_objectives: tuple[ObjectiveCounts, ...] = ()
    summary: ActionCounts = field(default_factory=ActionCounts)
    long: bool = False  # more than LONG_PLAN actions: shown by objective
    chosen: ObjectiveCounts | None = None  # the one objective shown, if one is
    paging: Paging | None = None  # the chosen objective's page of actions

    @property
    def actions(self) -> list[ActionAsAt]:
        """The actions shown: every one of a short plan's, or the chosen objective's page."""
        return [action for objective in self.objectives for action in objective.actions]

    @property
    def counted(self) -> list[ActionAsAt]:
        """The actions shown that count as at the day: not those withdrawn by then."""
        return [action for action in self.actions if not action.withdrawn]

    @property
    def withdrawn(self) -> int:
        return sum(1 for action in self.actions if action.withdrawn)

    @property
    def counts(self) -> RagCounts:
        return RagCounts.of(action.rag for action in self.counted)

    @property
    def overdue(self) -> int:
        return sum(1 for action in self.counted if action.days_overdue)

    @property
    def due_soon(self) -> int:
        return sum(1 for action in self.counted if action.due_soon)

    @property
    def stale(self) -> int:
        return sum(1 for action in self.counted if action.stale)


def read_objective(typed: str | None) -> int | None:
    """The objective a link asks for (?objective=<id>): None unless a whole number."""
    given = (typed or "").strip()
    return int(given) if given.isdigit() and len(given) < 10 else None


async def plan_view(
    plan_id: int, as_at: date, *, objective_id: int | None = None, page: int = 1
) -> PlanView | None:
    """The plan as at `as_at`: every action when it is short; when long, none but those of
    `objective_id`'s page `page` (OBJECTIVE_PAGE a page), if that objective is the plan's.

    Four queries at most, whatever the plan's size."""
    plan = (
        await Plan.select(
            Plan.id, Plan.name, Plan.kind, Plan.agency, Plan.agency.name.as_alias("agency_name")
        )
        .where(Plan.id == plan_id)
        .first()
    )
    if plan is None:
        return None
    counted = tuple(await objective_counts(plan_id, as_at))
    summary = reduce(lambda total, one: total + one.actions, counted, ActionCounts())
    chosen = next((one for one in counted if one.id == objective_id), None)
    long = summary.shown > LONG_PLAN
    sections: tuple[ObjectiveSection, ...] = ()
    pages = None
    if chosen is not None:
        pages = paging(page, OBJECTIVE_PAGE, chosen.actions.shown)
        shown = await objective_page(plan_id, chosen.id, as_at, pages)
        sections = (ObjectiveSection(chosen.ref, chosen.text, shown, chosen.id),)
    elif not long:
        by_objective: dict[int, list[ActionAsAt]] = {one.id: [] for one in counted}
        for action in await actions_as_at(as_at, plan_id=plan_id):
            by_objective[action.objective_id].append(action)
        sections = tuple(
            ObjectiveSection(one.ref, one.text, tuple(by_objective[one.id]), one.id)
            for one in counted
        )
    return PlanView(
        id=plan["id"],
        name=plan["name"],
        kind=plan["kind"],
        agency=plan["agency_name"],
        agency_id=plan["agency"],
        as_at=as_at,
        objectives=sections,
        counted_objectives=counted,
        summary=summary,
        long=long,
        chosen=chosen,
        paging=pages,
    )


async def objective_page(
    plan_id: int, objective_id: int, as_at: date, pages: Paging
) -> tuple[ActionAsAt, ...]:
    """One page of an objective's actions, in the plan's order, with their status: two
    queries, reading the standing update of those actions alone."""
    # The objective is the plan's (plan_view chose it from the plan's): its actions are.
    rows = await objective_rows(objective_id, pages.start, pages.per_page)
    latest = await statuses(as_at, action_ids=[row["id"] for row in rows])
    return tuple(action_as_at(row, latest.get(row["id"]), as_at) for row in rows)


async def plan_row(action_id: int, as_at: date) -> ActionAsAt | None:
    """One action's row of its plan's table, as at `as_at`."""
    return await one_action_as_at(action_id, as_at)
