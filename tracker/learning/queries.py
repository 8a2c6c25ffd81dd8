"""Reading sources of learning, their items and the actions that answer them, as at a day.

A handful of queries whatever the numbers: sources, items, links, impacts, and the linked
actions as at the day (tracker.plans.queries.actions_as_at, the one place statuses are read).
Links are as they stand now; the actions' statuses and the impact are as at the day.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date

from piccolo.columns.combination import Combinable
from piccolo.query import Select

from tracker.core.frozen import Frozen, Given
from tracker.core.permissions import ActionScope
from tracker.core.tables import (
    Action,
    ActionDelivery,
    LearningImpact,
    LearningItem,
    LearningLink,
    LearningSource,
)
from tracker.learning.rules import (
    AUDIENCES,
    ITEM_KINDS,
    SOURCE_KINDS,
    STANDINGS,
    RollUp,
    Standing,
    audience_label,
    disagrees,
    is_gap,
    roll_up,
)
from tracker.plans.model import ActionAsAt
from tracker.plans.queries import actions_of_ids


@dataclass(frozen=True)
class Impact:
    evidence: str
    evidenced_on: date
    recorded_by: str
    recorded_at: object


@dataclass(frozen=True)
class ItemView:
    id: int
    source_id: int
    source_title: str
    number: str
    kind: str
    text: str
    addressed_to: str
    actions: tuple[ActionAsAt, ...]
    impact: Impact | None  # recorded, and dated on or before the day
    roll: RollUp
    gap: str | None  # why it is a gap, or None

    @property
    def kind_label(self) -> str:
        return ITEM_KINDS.get(self.kind, self.kind)

    @property
    def audience(self) -> str:
        return audience_label(self.addressed_to)


@dataclass(frozen=True)
class SourceView:
    id: int
    key: str
    kind: str
    title: str
    published: date | None
    publisher: str
    link: str | None
    items: tuple[ItemView, ...]

    @property
    def kind_label(self) -> str:
        return SOURCE_KINDS.get(self.kind, self.kind)

    @property
    def counts(self) -> dict[Standing, int]:
        tally = Counter(item.roll.standing for item in self.items)
        return {standing: tally[standing] for standing in STANDINGS}

    @property
    def gaps(self) -> int:
        return sum(1 for item in self.items if item.gap)


async def _linked_actions(action_ids: set[int], day: date) -> dict[int, ActionAsAt]:
    if not action_ids:
        return {}
    return {a.id: a for a in await actions_of_ids(day, sorted(action_ids))}


def _impact(row: dict | None, day: date) -> Impact | None:
    if row is None or row["evidenced_on"] > day:
        return None
    return Impact(row["evidence"], row["evidenced_on"], row["recorded_by"], row["recorded_at"])


async def _items(day: date, *where: Combinable) -> list[ItemView]:
    query = LearningItem.select(
        *LearningItem.all_columns(), LearningItem.source.title.as_alias("source_title")
    )
    for condition in where:
        query = query.where(condition)
    rows = await query.order_by(LearningItem.source.position, LearningItem.position)
    if not rows:
        return []
    ids = [row["id"] for row in rows]
    links = await LearningLink.select(LearningLink.item, LearningLink.action).where(
        LearningLink.item.is_in(ids)
    )
    impacts = {
        row["item"]: row
        for row in await LearningImpact.select().where(LearningImpact.item.is_in(ids))
    }
    actions = await _linked_actions({link["action"] for link in links}, day)
    by_item: dict[int, list[ActionAsAt]] = defaultdict(list)
    for link in links:
        by_item[link["item"]].append(actions[link["action"]])
    items = []
    for row in rows:
        linked = tuple(
            sorted(by_item[row["id"]], key=lambda a: (a.plan_kind != "overarching", a.plan, a.ref))
        )
        impact = _impact(impacts.get(row["id"]), day)
        rags = [a.rag for a in linked]
        items.append(
            ItemView(
                id=row["id"],
                source_id=row["source"],
                source_title=row["source_title"],
                number=row["number"],
                kind=row["kind"],
                text=row["text"],
                addressed_to=row["addressed_to"],
                actions=linked,
                impact=impact,
                roll=roll_up(rags, impact_evidenced=impact is not None),
                gap=is_gap(rags, [a.overdue for a in linked], closed=impact is not None),
            )
        )
    return items


async def sources(day: date, source_id: int | None = None) -> list[SourceView]:
    """Every source (or one) with its items rolled up as at `day`."""
    query = LearningSource.select().order_by(LearningSource.position, LearningSource.id)
    if source_id is not None:
        query = query.where(LearningSource.id == source_id)
    rows = await query
    where = [LearningItem.source == source_id] if source_id is not None else []
    items: dict[int, list[ItemView]] = defaultdict(list)
    for item in await _items(day, *where):
        items[item.source_id].append(item)
    return [
        SourceView(
            row["id"],
            row["key"],
            row["kind"],
            row["title"],
            row["published"],
            row["publisher"],
            row["link"],
            tuple(items[row["id"]]),
        )
        for row in rows
    ]


async def item(item_id: int, day: date) -> ItemView | None:
    found = await _items(day, LearningItem.id == item_id)
    return found[0] if found else None


@dataclass(frozen=True)
class GapFilters:
    source_id: int | None = None
    kind: str | None = None  # finding, recommendation
    addressed_to: str | None = None
    why: str | None = None  # "none": no action; "late": every open action overdue or red


async def gaps(day: date, filters: GapFilters) -> list[ItemView]:
    where: list[Combinable] = []
    if filters.source_id is not None:
        where.append(LearningItem.source == filters.source_id)
    if filters.kind:
        where.append(LearningItem.kind == filters.kind)
    if filters.addressed_to:
        where.append(LearningItem.addressed_to == filters.addressed_to)
    found = [i for i in await _items(day, *where) if i.gap]
    if filters.why == "none":
        found = [i for i in found if not i.actions]
    elif filters.why == "late":
        found = [i for i in found if i.actions]
    return found


async def source_choices() -> list[tuple[int, str]]:
    rows = await LearningSource.select(LearningSource.id, LearningSource.title).order_by(
        LearningSource.position, LearningSource.id
    )
    return [(row["id"], row["title"]) for row in rows]


async def audience_choices() -> list[tuple[str, str]]:
    rows = await LearningItem.select(LearningItem.addressed_to).distinct()
    named = sorted({row["addressed_to"] for row in rows} - set(AUDIENCES))
    return [*AUDIENCES.items(), *((name, name) for name in named)]


@dataclass(frozen=True)
class ItemChoice:
    id: int
    label: str


# Built once: Piccolo copies every column of a joined table each time a join is named, and
# every action's page offers these choices.
_ITEM_CHOICE_COLUMNS = (
    LearningItem.id,
    LearningItem.number,
    LearningItem.kind,
    LearningItem.text,
    LearningItem.source.title.as_alias("source_title"),
)
_SOURCE_POSITION = LearningItem.source.position
_ACTION_CHOICE_COLUMNS = (
    Action.id,
    Action.ref,
    Action.text,
    Action.lead,
    Action.plan.name.as_alias("plan"),
    Action.plan.agency.as_alias("agency_id"),
)
_PLAN_KIND = Action.plan.kind
_PLAN_ID = Action.plan.id


# Every action's page reads these: their SQL made once (tracker.core.frozen).
_ITEM_CHOICES = Frozen(
    lambda: LearningItem.select(*_ITEM_CHOICE_COLUMNS).order_by(
        _SOURCE_POSITION, LearningItem.position
    )
)


def _action_choices(overarching_only: bool) -> Frozen:
    def build() -> Select:
        query = Action.select(*_ACTION_CHOICE_COLUMNS)
        if overarching_only:
            query = query.where(_PLAN_KIND == "overarching")
        return query.order_by(_PLAN_ID, Action.position, Action.id)

    return Frozen(build)


_ACTION_CHOICES = {False: _action_choices(False), True: _action_choices(True)}

_ITEMS_OF = Frozen(
    lambda: LearningLink.select(LearningLink.item).where(LearningLink.action == Given("id"))
)
_DELIVERIES_OF = Frozen(
    lambda: ActionDelivery.select(ActionDelivery.action, ActionDelivery.delivers).where(
        (ActionDelivery.action == Given("id")) | (ActionDelivery.delivers == Given("id"))
    )
)


async def item_choices() -> list[ItemChoice]:
    """Every item, for the "answers" picker on an action's page."""
    rows = await _ITEM_CHOICES.rows()
    return [
        ItemChoice(
            row["id"],
            f"{row['source_title']}, {ITEM_KINDS[row['kind']].lower()} {row['number']}: "
            + (row["text"][:90] + ("…" if len(row["text"]) > 90 else "")),
        )
        for row in rows
    ]


@dataclass(frozen=True)
class ActionChoice:
    id: int
    label: str
    scope: ActionScope  # who may link it (tracker.core.permissions.may_update)


async def action_choices(*, overarching_only: bool = False) -> list[ActionChoice]:
    """Actions to link from a recommendation's page (or the overarching ones an agency
    action may deliver), by plan and ref."""
    rows = await _ACTION_CHOICES[overarching_only].rows()
    return [
        ActionChoice(
            row["id"],
            f"{row['plan']} {row['ref']}: "
            + (row["text"][:80] + ("…" if len(row["text"]) > 80 else "")),
            ActionScope(row["agency_id"], row["lead"]),
        )
        for row in rows
    ]


@dataclass
class ActionLearning:
    """What an action answers, what it delivers and what delivers it, as at a day."""

    answers: list[ItemView] = field(default_factory=list)
    delivers: list[ActionAsAt] = field(default_factory=list)
    delivered_by: list[ActionAsAt] = field(default_factory=list)
    delivered: RollUp | None = None  # the roll-up of what delivers it, if anything does
    disagrees: bool = False


async def action_learning(action: ActionAsAt, day: date) -> ActionLearning:
    item_ids = [row["item"] for row in await _ITEMS_OF.rows(id=action.id)]
    answers = await _items(day, LearningItem.id.is_in(item_ids)) if item_ids else []
    rows = await _DELIVERIES_OF.rows(id=action.id)
    others = await _linked_actions({r["action"] for r in rows} | {r["delivers"] for r in rows}, day)
    delivers = [others[r["delivers"]] for r in rows if r["action"] == action.id]
    delivered_by = [others[r["action"]] for r in rows if r["delivers"] == action.id]
    delivered = roll_up([a.rag for a in delivered_by]) if delivered_by else None
    return ActionLearning(
        answers=answers,
        delivers=delivers,
        delivered_by=delivered_by,
        delivered=delivered,
        disagrees=delivered is not None and disagrees(action.rag, delivered),
    )


@dataclass(frozen=True)
class LearningLinks:
    """Sources, items, links and impact dates as plain values, for a report to roll up
    against its own actions as at its days (tracker.reports.build)."""

    sources: tuple[tuple[int, str, str], ...]  # (id, title, kind label), in order
    items: tuple[tuple[int, int, str, str], ...]  # (id, source id, number, kind label)
    links: tuple[tuple[int, int], ...]  # (item id, action id)
    impacts: dict[int, date]  # item id -> the day the evidence of impact is dated


async def learning_links() -> LearningLinks:
    """Four queries, however many sources, items and links."""
    sources = await LearningSource.select(
        LearningSource.id, LearningSource.title, LearningSource.kind
    ).order_by(LearningSource.position, LearningSource.id)
    items = await LearningItem.select(
        LearningItem.id, LearningItem.source, LearningItem.number, LearningItem.kind
    ).order_by(LearningItem.source, LearningItem.position)
    links = await LearningLink.select(LearningLink.item, LearningLink.action)
    impacts = await LearningImpact.select(LearningImpact.item, LearningImpact.evidenced_on)
    return LearningLinks(
        sources=tuple(
            (row["id"], row["title"], SOURCE_KINDS.get(row["kind"], row["kind"])) for row in sources
        ),
        items=tuple(
            (row["id"], row["source"], row["number"], ITEM_KINDS.get(row["kind"], row["kind"]))
            for row in items
        ),
        links=tuple((row["item"], row["action"]) for row in links),
        impacts={row["item"]: row["evidenced_on"] for row in impacts},
    )


async def source_fields(source_id: int) -> dict[str, str] | None:
    """A source's fields as its edit form shows them."""
    row = (
        await LearningSource.select(
            LearningSource.kind,
            LearningSource.title,
            LearningSource.published,
            LearningSource.publisher,
            LearningSource.link,
        )
        .where(LearningSource.id == source_id)
        .first()
    )
    if row is None:
        return None
    return {
        "kind": row["kind"],
        "title": row["title"],
        "published": row["published"].isoformat() if row["published"] else "",
        "publisher": row["publisher"] or "",
        "link": row["link"] or "",
    }
