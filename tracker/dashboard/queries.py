"""The dashboard's figures: how the partnership is doing, and how that changed by quarter.

The page's figures are counted by the database (tracker.plans.tallies: a few grouped
rows, never every action); `dashboard_of`, the same figures as pure functions of a
Portfolio, is the reference tests compare them with.
"""

from __future__ import annotations

import asyncio
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from tracker.core.dates import Quarter
from tracker.core.rag import RagCounts
from tracker.plans.portfolio import (
    AgencyInfo,
    PlanInfo,
    Portfolio,
    PortfolioAction,
    agency_infos,
    open_challenges,
    open_escalations,
    plan_infos,
)
from tracker.plans.tallies import Tally, rags_on_days, tallies

QUARTERS_SHOWN = 8
# Plans with no agency (the overarching plan) are counted together under this name.
OVERARCHING = "Overarching plan"


@dataclass(frozen=True)
class Headline:
    actions: int
    red: int
    overdue: int
    due_soon: int
    stale: int
    open_challenges: int
    open_escalations: int


@dataclass(frozen=True)
class PlanRags:
    plan: PlanInfo
    counts: RagCounts


@dataclass(frozen=True)
class QuarterRags:
    quarter: Quarter
    counted_on: date  # the quarter's last day, or the as-at day for the quarter it falls in
    to_date: bool  # the quarter is not over on the as-at day
    counts: RagCounts

    @property
    def label(self) -> str:
        return f"{self.quarter.label} (to date)" if self.to_date else self.quarter.label


@dataclass(frozen=True)
class AgencyOverdue:
    name: str
    agency_id: int | None  # None for the overarching plan
    actions: int
    overdue: int


@dataclass(frozen=True)
class Dashboard:
    as_at: date
    headline: Headline
    plans: tuple[PlanRags, ...]  # plans with at least one action, in plan order
    plans_without_actions: tuple[PlanInfo, ...]
    quarters: tuple[QuarterRags, ...]  # oldest first, the as-at day's quarter last
    overdue_by_agency: tuple[AgencyOverdue, ...]  # overarching first, then Appendix 5 order

    @property
    def all_plans(self) -> RagCounts:
        return total(plan.counts for plan in self.plans)


def total(counts: Iterable[RagCounts]) -> RagCounts:
    summed = RagCounts()
    for one in counts:
        summed = RagCounts(
            red=summed.red + one.red,
            amber=summed.amber + one.amber,
            green=summed.green + one.green,
            blue=summed.blue + one.blue,
            none=summed.none + one.none,
        )
    return summed


def headline(actions: Iterable[PortfolioAction], issue_escalations: int = 0) -> Headline:
    """`issue_escalations`: open escalations of free-standing issues, tied to no action."""
    listed = list(actions)
    return Headline(
        actions=len(listed),
        red=sum(action.rag == "red" for action in listed),
        overdue=sum(action.slipping.overdue for action in listed),
        due_soon=sum(action.slipping.due_soon for action in listed),
        stale=sum(action.slipping.stale for action in listed),
        open_challenges=sum(action.open_challenges for action in listed),
        open_escalations=sum(action.open_escalations for action in listed) + issue_escalations,
    )


def rags_by_plan(found: Portfolio) -> tuple[tuple[PlanRags, ...], tuple[PlanInfo, ...]]:
    """Each plan's RAG counts as at the day; and, apart, the plans with no actions yet."""
    rags: dict[int, list[str | None]] = {plan.id: [] for plan in found.plans}
    for action in found.actions:
        rags[action.plan_id].append(action.rag)
    with_actions = tuple(
        PlanRags(plan, RagCounts.of(rags[plan.id])) for plan in found.plans if rags[plan.id]
    )
    without = tuple(plan for plan in found.plans if not rags[plan.id])
    return with_actions, without


def quarters_up_to(
    as_at: date, count: int = QUARTERS_SHOWN, first: Quarter | None = None
) -> tuple[Quarter, ...]:
    """The `count` quarters ending with the one `as_at` falls in, oldest first; none before
    `first` (the strategy's first quarter), though the as-at day's own is always there."""
    quarters = [Quarter.of(as_at)]
    while len(quarters) < count and (first is None or quarters[-1].previous() >= first):
        quarters.append(quarters[-1].previous())
    return tuple(reversed(quarters))


def rags_by_quarter(
    found: Portfolio, count: int = QUARTERS_SHOWN, first: Quarter | None = None
) -> tuple[QuarterRags, ...]:
    """RAG counts at each quarter's end; the as-at day's quarter as at that day.

    Every action in the plans now is counted in every quarter: one with no
    update by a quarter's end counts as not rated then.
    """
    series = []
    for quarter in quarters_up_to(found.as_at, count, first):
        counted_on = min(quarter.last_day, found.as_at)
        rags = found.rags_on(counted_on)
        series.append(
            QuarterRags(
                quarter=quarter,
                counted_on=counted_on,
                to_date=counted_on < quarter.last_day,
                counts=RagCounts.of(rags.get(action.id) for action in found.actions),
            )
        )
    return tuple(series)


def overdue_by_agency(found: Portfolio) -> tuple[AgencyOverdue, ...]:
    """Overdue actions per agency (its own plan and any additional actions) as at the day.

    Every agency is listed, those with no actions too, so a gap is visible.
    """
    actions: dict[int | None, int] = {None: 0, **{agency.id: 0 for agency in found.agencies}}
    overdue = dict(actions)
    for action in found.actions:
        actions[action.agency_id] = actions.get(action.agency_id, 0) + 1
        overdue[action.agency_id] = overdue.get(action.agency_id, 0) + int(action.slipping.overdue)
    rows = [AgencyOverdue(OVERARCHING, None, actions[None], overdue[None])]
    rows += [
        AgencyOverdue(agency.name, agency.id, actions[agency.id], overdue[agency.id])
        for agency in found.agencies
    ]
    return tuple(rows)


def dashboard_of(found: Portfolio, first: Quarter | None = None) -> Dashboard:
    plans, without = rags_by_plan(found)
    return Dashboard(
        as_at=found.as_at,
        headline=headline(found.actions, found.open_issue_escalations),
        plans=plans,
        plans_without_actions=without,
        quarters=rags_by_quarter(found, first=first),
        overdue_by_agency=overdue_by_agency(found),
    )


def _by_rag(counted: Iterable[Tally]) -> dict[str | None, int]:
    found: dict[str | None, int] = defaultdict(int)
    for tally in counted:
        found[tally.rag] += tally.actions
    return dict(found)


def _rag_counts(tally: Mapping[str | None, int]) -> RagCounts:
    return RagCounts.counted(tally)


def dashboard_of_counts(
    as_at: date,
    *,
    plans: Sequence[PlanInfo],
    agencies: Sequence[AgencyInfo],
    counted: Sequence[Tally],
    quarters: Sequence[tuple[Quarter, date, Mapping[str | None, int]]],
    challenges: Mapping[int | None, int],
    escalations: Mapping[int | None, int],
) -> Dashboard:
    """The dashboard from the database's counts: what dashboard_of gives from a portfolio.

    `quarters`: each quarter shown, the day it is counted on and its RAG counts then."""
    by_plan: dict[int, Counter[str | None]] = defaultdict(Counter)
    agency_of = {plan.id: plan.agency_id for plan in plans}
    actions: dict[int | None, int] = {None: 0, **{agency.id: 0 for agency in agencies}}
    overdue = dict(actions)
    for tally in counted:
        by_plan[tally.plan_id][tally.rag] += tally.actions
        agency = agency_of.get(tally.plan_id)
        actions[agency] = actions.get(agency, 0) + tally.actions
        overdue[agency] = overdue.get(agency, 0) + tally.actions * tally.overdue
    total_actions = sum(tally.actions for tally in counted)
    head = Headline(
        actions=total_actions,
        red=sum(tally.actions for tally in counted if tally.rag == "red"),
        overdue=sum(tally.actions for tally in counted if tally.overdue),
        due_soon=sum(tally.actions for tally in counted if tally.due_soon),
        stale=sum(tally.actions for tally in counted if tally.stale),
        open_challenges=sum(count for key, count in challenges.items() if key is not None),
        open_escalations=sum(escalations.values()),
    )
    with_actions = tuple(
        PlanRags(plan, _rag_counts(by_plan[plan.id])) for plan in plans if by_plan[plan.id]
    )
    without = tuple(plan for plan in plans if not by_plan[plan.id])
    series = tuple(
        QuarterRags(
            quarter=quarter,
            counted_on=counted_on,
            to_date=counted_on < quarter.last_day,
            counts=_rag_counts(rags),
        )
        for quarter, counted_on, rags in quarters
    )
    by_agency = [AgencyOverdue(OVERARCHING, None, actions[None], overdue[None])]
    by_agency += [
        AgencyOverdue(agency.name, agency.id, actions[agency.id], overdue[agency.id])
        for agency in agencies
    ]
    return Dashboard(
        as_at=as_at,
        headline=head,
        plans=with_actions,
        plans_without_actions=without,
        quarters=series,
        overdue_by_agency=tuple(by_agency),
    )


async def dashboard(
    as_at: date, first: Quarter | None = None, strategy_id: int | None = None
) -> Dashboard:
    """Strategy `strategy_id`'s dashboard (every plan's with None). `first`: the strategy's
    first quarter, where the series by quarter starts at the latest."""
    quarters = quarters_up_to(as_at, QUARTERS_SHOWN, first)
    counted_on = [min(quarter.last_day, as_at) for quarter in quarters]
    # At once, each on a connection of its own: the two counts are most of the time.
    # The as-at day's RAGs are in its tallies; only earlier quarters' ends are asked for.
    counted, rags, plans, agencies, challenges, escalations = await asyncio.gather(
        tallies(as_at, strategy_id),
        rags_on_days([day for day in counted_on if day != as_at], strategy_id),
        plan_infos(strategy_id),
        agency_infos(),
        open_challenges(as_at),
        open_escalations(as_at),
    )
    rags[as_at] = _by_rag(counted)
    return dashboard_of_counts(
        as_at,
        plans=plans,
        agencies=agencies,
        counted=counted,
        quarters=[(q, day, rags[day]) for q, day in zip(quarters, counted_on, strict=True)],
        challenges=challenges,
        escalations=escalations,
    )
