"""Sources of learning through the API: their findings and recommendations, the actions
answering each, and each one's standing as at a day. Anyone signed in, by session or token."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from litestar import get
from litestar.params import FromQuery

from tracker.api.responses import RESPONSES
from tracker.core import clock
from tracker.core.dates import parse_day
from tracker.core.refusals import InvalidInput
from tracker.learning.queries import ItemView, sources


@dataclass(frozen=True)
class LearningItemOut:
    id: int
    number: str
    kind: str  # finding or recommendation
    addressed_to: str  # practitioners, managers, partnership, or an agency's name
    text: str
    actions: list[int]  # the ids of the actions answering it (any plan)
    standing: str  # no-action, red, amber, not-rated, green, actions-complete, closed
    standing_label: str
    complete: int  # of the actions answering it, how many are complete as at as_of
    total: int
    gap: str | None  # why it is a gap as at as_of, or null
    impact_evidenced_on: date | None  # the evidence that closed it, if dated by as_of


@dataclass(frozen=True)
class LearningSourceOut:
    id: int
    kind: str  # review, inspection, audit, national-briefing
    title: str
    published: date | None
    publisher: str
    link: str | None
    items: list[LearningItemOut]


def _item(item: ItemView) -> LearningItemOut:
    return LearningItemOut(
        id=item.id,
        number=item.number,
        kind=item.kind,
        addressed_to=item.addressed_to,
        text=item.text,
        actions=[action.id for action in item.actions],
        standing=item.roll.standing.value,
        standing_label=item.roll.label,
        complete=item.roll.complete,
        total=item.roll.total,
        gap=item.gap,
        impact_evidenced_on=item.impact.evidenced_on if item.impact else None,
    )


@get(
    "/learning",
    name="api_learning",
    summary="Sources of learning, their items, the actions answering them and their standing",
    description="as_of: YYYY-MM-DD (default today): the day the standings are worked out for.",
    responses={code: RESPONSES[code] for code in (401, 422)},
)
async def learning(as_of: FromQuery[str | None] = None) -> list[LearningSourceOut]:
    day = parse_day(as_of) if as_of else clock.today()
    if day is None:
        raise InvalidInput({"as_of": "Give a date as YYYY-MM-DD, for example 2020-09-30"})
    return [
        LearningSourceOut(
            id=source.id,
            kind=source.kind,
            title=source.title,
            published=source.published,
            publisher=source.publisher,
            link=source.link,
            items=[_item(item) for item in source.items],
        )
        for source in await sources(day)
    ]
