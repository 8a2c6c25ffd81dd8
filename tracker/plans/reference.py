"""The strategy's reference lists: agencies, core components and glossary."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from piccolo.query.functions.aggregate import Count

from tracker.core.components import components_of
from tracker.core.tables import Action, Agency, AgencyShortName, GlossaryTerm, Plan


@dataclass(frozen=True)
class AgencyPlanLink:
    id: int
    name: str
    actions: int


@dataclass(frozen=True)
class AgencyEntry:
    name: str
    short_names: tuple[str, ...]
    note: str | None
    plans: tuple[AgencyPlanLink, ...]


@dataclass(frozen=True)
class Term:
    term: str
    meaning: str


async def agencies() -> list[AgencyEntry]:
    rows = await Agency.select().order_by(Agency.position)
    short_names = await AgencyShortName.select().order_by(AgencyShortName.id)
    plans = (
        await Plan.select(Plan.id, Plan.name, Plan.agency, Plan.kind)
        .where(Plan.agency.is_not_null())
        .order_by(Plan.id)
    )
    action_counts = {
        row["plan"]: row["count"]
        for row in await Action.select(Action.plan, Count()).group_by(Action.plan)
    }
    names: dict[int, list[str]] = defaultdict(list)
    for row in short_names:
        names[row["agency"]].append(row["short_name"])
    links: dict[int, list[AgencyPlanLink]] = defaultdict(list)
    for plan in sorted(plans, key=lambda p: (p["kind"] != "agency", p["id"])):
        links[plan["agency"]].append(
            AgencyPlanLink(plan["id"], plan["name"], action_counts.get(plan["id"], 0))
        )
    return [
        AgencyEntry(row["name"], tuple(names[row["id"]]), row["note"], tuple(links[row["id"]]))
        for row in rows
    ]


async def core_components(strategy_id: int | None = None) -> list[dict]:
    """The components strategy `strategy_id` offers: the shared ones and its own."""
    return await components_of(strategy_id)


async def glossary() -> list[Term]:
    rows = await GlossaryTerm.select().order_by(GlossaryTerm.term)
    return [Term(row["term"], row["meaning"]) for row in rows]
