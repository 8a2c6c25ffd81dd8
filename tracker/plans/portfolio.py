"""Every action across every plan as at a day, with what the chairs look at.

The review page, the dashboard and the coverage matrix all start here. It runs
a fixed number of queries (one per table it reads) whatever the number of
actions, and everything after that is done in Python on the rows it loaded.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any, Protocol

from piccolo.columns.combination import WhereRaw
from piccolo.query import Select
from piccolo.query.functions.aggregate import Count

from tracker.core import clock
from tracker.core.components import components_of
from tracker.core.dates import Quarter
from tracker.core.frozen import Frozen, Given, given_ids
from tracker.core.tables import (
    Action,
    ActionCoreComponent,
    Agency,
    Challenge,
    Escalation,
    Plan,
)
from tracker.plans.model import ActionAsAt, as_at_values
from tracker.plans.overview import plan_order
from tracker.plans.queries import action_rows
from tracker.plans.status import UpdateRecord, statuses_as_at
from tracker.plans.statuses import standing_updates


class ShownAssurance(Protocol):
    """What the review, dashboard and reports read of an action's assurance rating. The
    assurance feature fills it in (tracker.assurance.queries.with_assurance): plans sit
    below assurance, so they name only what they read."""

    @property
    def rag(self) -> str: ...
    @property
    def disagrees(self) -> bool: ...
    @property
    def quarter(self) -> Quarter: ...
    @property
    def reason(self) -> str: ...


@dataclass(frozen=True)
class PlanInfo:
    id: int
    name: str
    kind: str
    agency_id: int | None
    agency: str | None


@dataclass(frozen=True)
class AgencyInfo:
    id: int
    name: str


@dataclass(frozen=True)
class ComponentInfo:
    number: int
    text: str


@dataclass(frozen=True, kw_only=True)
class PortfolioAction(ActionAsAt):
    """An action as at the portfolio's day, with what the chairs look at besides."""

    components: tuple[int, ...]  # core-component numbers, confirmed or suggested
    open_challenges: int
    open_escalations: int
    # As at the portfolio's day; only filled by tracker.assurance.queries.with_assurance.
    assurance: ShownAssurance | None = None


@dataclass(frozen=True)
class Portfolio:
    as_at: date
    plans: tuple[PlanInfo, ...]  # overarching first, then agencies in Appendix 5 order
    agencies: tuple[AgencyInfo, ...]
    components: tuple[ComponentInfo, ...]
    actions: tuple[PortfolioAction, ...]  # in plan order, then the plan's own order
    # The updates standing on `as_at` and on the `rated_on` days the portfolio was asked
    # for (enough for rags_on then), never every update.
    updates: tuple[UpdateRecord, ...]
    open_issue_escalations: int = 0  # open escalations of free-standing issues, not actions
    # The days rags_on may be asked about; None: any (a portfolio holding every update).
    rated_days: frozenset[date] | None = None

    def rags_on(self, day: date) -> dict[int, str | None]:
        """Each action's RAG on an earlier `day`, from the loaded updates; absent: not rated.

        A portfolio knows only `as_at` and the `rated_on` days it was asked for.
        """
        if self.rated_days is not None and day not in self.rated_days:
            raise ValueError(f"This portfolio was not asked for the RAGs on {day}")
        return {
            action_id: update.rag for action_id, update in statuses_as_at(self.updates, day).items()
        }


async def plan_infos(strategy_id: int | None = None) -> tuple[PlanInfo, ...]:
    """Every plan (of strategy `strategy_id`, if given): overarching first, then agencies in
    Appendix 5 order."""
    query = Plan.select(
        Plan.id,
        Plan.name,
        Plan.kind,
        Plan.agency,
        Plan.agency.name.as_alias("agency_name"),
        Plan.agency.position.as_alias("agency_position"),
    )
    if strategy_id is not None:
        query = query.where(Plan.strategy == strategy_id)
    rows = await query
    ordered = sorted(rows, key=lambda p: plan_order(p["kind"], p["agency_position"], p["name"]))
    return tuple(
        PlanInfo(row["id"], row["name"], row["kind"], row["agency"], row["agency_name"])
        for row in ordered
    )


_AGENCIES = Frozen(lambda: Agency.select(Agency.id, Agency.name).order_by(Agency.position))


async def agency_infos() -> tuple[AgencyInfo, ...]:
    """Every agency, in Appendix 5 order."""
    return tuple(AgencyInfo(row["id"], row["name"]) for row in await _AGENCIES.rows())


async def component_infos(strategy_id: int | None = None) -> tuple[ComponentInfo, ...]:
    """The core components strategy `strategy_id` offers (shared and its own; every one
    with None), in number order."""
    return tuple(
        ComponentInfo(row["number"], row["text"]) for row in await components_of(strategy_id)
    )


async def open_challenges(
    as_at: date, action_ids: Sequence[int] | None = None
) -> Counter[int | None]:
    """Challenges open at the end of the as-at day, per action (of `action_ids`, or all)."""
    return await _open_counts(Challenge, Challenge.action, Challenge.closed_at, as_at, action_ids)


async def open_escalations(
    as_at: date, action_ids: Sequence[int] | None = None
) -> Counter[int | None]:
    """Escalations open at the end of the as-at day, per action (of `action_ids`, or all);
    free-standing issues' under None."""
    return await _open_counts(
        Escalation, Escalation.action, Escalation.resolved_at, as_at, action_ids
    )


async def _open_counts(
    table, column, closed_column, as_at: date, action_ids: Sequence[int] | None
) -> Counter[int | None]:
    """Open at the end of the as-at day (UK) per action: raised by then, not closed by then.
    Those about no action (free-standing issues) under None."""
    day_end = datetime.combine(as_at + timedelta(days=1), time(), tzinfo=clock.UK)
    if action_ids is not None:  # a page's: the SQL made once
        rows = await _OPEN_AMONG[table].rows(day_end=day_end, ids=action_ids)
    else:
        rows = await _open_among(table, column, closed_column, day_end)
    return Counter({row["action"]: row["count"] for row in rows})


def _open_among(table, column, closed_column, day_end: Any, ids: WhereRaw | None = None) -> Select:
    """The open ones' count per action: raised by `day_end`, not closed by then."""
    query = table.select(column.as_alias("action"), Count()).where(
        (table.raised_at < day_end) & (closed_column.is_null() | (closed_column >= day_end))
    )
    return (query.where(ids) if ids is not None else query).group_by(column)


def _frozen_open(table: Any, column: Any, closed_column: Any) -> Frozen:
    def build() -> Select:
        return _open_among(table, column, closed_column, Given("day_end"), given_ids(column, "ids"))

    return Frozen(build)


_OPEN_AMONG = {
    Challenge: _frozen_open(Challenge, Challenge.action, Challenge.closed_at),
    Escalation: _frozen_open(Escalation, Escalation.action, Escalation.resolved_at),
}


async def portfolio(
    as_at: date, *, rated_on: Sequence[date] = (), strategy_id: int | None = None
) -> Portfolio:
    """Every action (of strategy `strategy_id`, if given) as at `as_at`, with the updates for
    rags_on on earlier days.

    `rated_on`: the only earlier days the caller will ask rags_on about. The
    portfolio loads only the update standing on each of those days and on
    `as_at` for each action (the database finds them), never every update.
    """
    plans = await plan_infos(strategy_id)
    agencies = await agency_infos()
    components = await component_infos(strategy_id)
    actions = await action_rows(
        *([Action.plan.strategy == strategy_id] if strategy_id is not None else [])
    )
    tags: dict[int, list[int]] = defaultdict(list)
    for row in await ActionCoreComponent.select(
        ActionCoreComponent.action, ActionCoreComponent.core_component.number.as_alias("number")
    ):
        tags[row["action"]].append(row["number"])
    days = frozenset([as_at, *(day for day in rated_on if day < as_at)])
    updates = await standing_updates(days)
    challenges = await open_challenges(as_at)
    escalations = await open_escalations(as_at)

    latest = statuses_as_at(updates, as_at)
    position = {plan.id: index for index, plan in enumerate(plans)}
    rows = [
        PortfolioAction(
            **as_at_values(row, latest.get(row["id"]), as_at),
            components=tuple(sorted(tags[row["id"]])),
            open_challenges=challenges[row["id"]],
            open_escalations=escalations[row["id"]],
        )
        for row in sorted(actions, key=lambda action: position[action["plan_id"]])
    ]
    return Portfolio(
        as_at,
        plans,
        agencies,
        components,
        tuple(rows),
        tuple(updates),
        open_issue_escalations=escalations[None],
        rated_days=days,
    )
