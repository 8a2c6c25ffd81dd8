"""What the review's database view reads besides its one query: the strategy's plans, the
choices its filters offer, and the page's actions with all the review shows of them."""

from __future__ import annotations

import asyncio
from collections import defaultdict
from collections.abc import Sequence
from datetime import date

from tracker.assurance.queries import ratings_of, with_assurance
from tracker.core.frozen import Frozen, Given, given_ids
from tracker.core.kept_counts import counted_rows
from tracker.core.tables import ActionCoreComponent, Plan
from tracker.plans.model import as_at_values
from tracker.plans.overview import plan_order
from tracker.plans.portfolio import (
    AgencyInfo,
    ComponentInfo,
    PlanInfo,
    Portfolio,
    PortfolioAction,
    agency_infos,
    component_infos,
    open_challenges,
    open_escalations,
)
from tracker.plans.queries import action_rows_of
from tracker.plans.statuses import statuses
from tracker.review.table import Choice, Choices, ObjectiveGroup, lead_order

CHOICES = "review choices"  # tracker.core.kept_counts' kind


# Read on every view: their SQL made once (tracker.core.frozen).
_PLANS = Frozen(
    lambda: Plan.select(
        Plan.id,
        Plan.name,
        Plan.kind,
        Plan.agency,
        Plan.agency.name.as_alias("agency_name"),
        Plan.agency.position.as_alias("agency_position"),
    ).where(Plan.strategy == Given("strategy"))
)
_TAGS = Frozen(
    lambda: ActionCoreComponent.select(
        ActionCoreComponent.action,
        ActionCoreComponent.core_component.number.as_alias("number"),
    ).where(given_ids(ActionCoreComponent.action, "ids"))
)


async def strategy_plans(strategy_id: int) -> tuple[PlanInfo, ...]:
    """The strategy's plans: overarching first, then agencies in Appendix 5 order."""
    rows = await _PLANS.rows(strategy=strategy_id)
    ordered = sorted(rows, key=lambda p: plan_order(p["kind"], p["agency_position"], p["name"]))
    return tuple(
        PlanInfo(row["id"], row["name"], row["kind"], row["agency"], row["agency_name"])
        for row in ordered
    )


ChoiceRows = tuple[list[dict], tuple[AgencyInfo, ...], tuple[ComponentInfo, ...]]


async def choice_rows(day: date, strategy_id: int) -> ChoiceRows:
    """What choices_from makes the filters' choices of: one query for the objectives and
    the leads (kept), the agencies and the components."""
    # Grouped on the action table alone (no join per action), then the objectives joined.
    counting = (
        " FROM action AS a WHERE a.plan IN (SELECT id FROM plan WHERE strategy = {})"
        " AND (a.withdrawn_on IS NULL OR a.withdrawn_on > {})"
        " AND (a.added_on IS NULL OR a.added_on <= {})"
    )
    query = (
        "SELECT 'objective' AS kind, o.plan AS plan, o.id AS id, o.ref AS ref, o.text AS text,"  # noqa: S608
        " g.first AS first, g.first_id AS first_id, g.actions AS actions, {seen} FROM ("
        "SELECT a.objective AS objective, MIN(a.position) AS first, MIN(a.id) AS first_id,"
        " COUNT(*) AS actions"
        + counting
        + " GROUP BY a.objective) AS g JOIN objective AS o ON o.id = g.objective"
        " UNION ALL SELECT 'lead' AS kind, 0 AS plan, 0 AS id, a.lead AS ref,"
        " '' AS text, 0 AS first, 0 AS first_id, 0 AS actions, {seen}"
        + counting
        + " GROUP BY a.lead"
    )

    async def counted() -> tuple[str, list[object]]:
        return query, [strategy_id, day, day, strategy_id, day, day]

    # Kept between views (migration 0029): objectives' words and places end it too. The
    # agencies and components at once, each on a connection of its own.
    return await asyncio.gather(
        counted_rows(CHOICES, strategy_id, day, counted, view=True),
        agency_infos(),
        component_infos(strategy_id),
    )


def choices_from(read: ChoiceRows, plans: Sequence[PlanInfo]) -> tuple[Choices, int]:
    """tracker.review.table.choices, from choice_rows: what the strategy's actions have;
    and how many actions count on the day."""
    rows, agencies, components = read
    objectives = [row for row in rows if row["kind"] == "objective"]
    leads = {row["ref"] for row in rows if row["kind"] == "lead" and row["ref"]}
    position = {plan.id: index for index, plan in enumerate(plans)}
    groups: dict[int, list[dict]] = defaultdict(list)
    for row in sorted(
        objectives, key=lambda row: (position[row["plan"]], row["first"], row["first_id"])
    ):
        groups[row["plan"]].append(row)
    names = {plan.id: plan.name for plan in plans}
    offered = Choices(
        plans=tuple(Choice(str(plan.id), plan.name) for plan in plans),
        agencies=tuple(Choice(str(agency.id), agency.name) for agency in agencies),
        objectives=tuple(
            ObjectiveGroup(
                names[plan_id],
                tuple(Choice(str(row["id"]), f"{row['ref']}. {row['text']}") for row in rows),
            )
            for plan_id, rows in groups.items()
        ),
        components=tuple(
            Choice(str(component.number), f"{component.number}. {component.text}")
            for component in components
        ),
        leads=tuple(sorted(leads, key=lead_order)),
    )
    return offered, sum(int(row["actions"]) for row in objectives)


async def actions_of(
    ids: Sequence[int], as_at: date, latest: bool | None = None
) -> tuple[PortfolioAction, ...]:
    """Those actions as at the day, in the order of `ids`, with what the review shows
    (`latest`: tracker.plans.statuses.statuses's)."""
    if not ids:
        return ()
    # Six independent reads at once, each on a connection of its own.
    found, standing, tagged, challenges, escalations, ratings = await asyncio.gather(
        action_rows_of(ids),
        statuses(as_at, action_ids=ids, latest=latest),
        _TAGS.rows(ids=ids),
        open_challenges(as_at, ids),
        open_escalations(as_at, ids),
        ratings_of(ids),
    )
    rows = {row["id"]: row for row in found}
    tags: dict[int, list[int]] = defaultdict(list)
    for row in tagged:
        tags[row["action"]].append(row["number"])
    actions = tuple(
        PortfolioAction(
            **as_at_values(rows[action_id], standing.get(action_id), as_at),
            components=tuple(sorted(tags[action_id])),
            open_challenges=challenges[action_id],
            open_escalations=escalations[action_id],
        )
        for action_id in ids
        if action_id in rows
    )
    assured = await with_assurance(Portfolio(as_at, (), (), (), actions, ()), ratings)
    return assured.actions
