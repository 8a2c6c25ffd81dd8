"""Challenges as the pages list them: all, one action's, one lead's awaiting reply.

Each list is one query (the challenge with its action and plan joined);
filtering and counting are done in Python on the rows, by pure functions.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum
from typing import Any

from tracker.challenges.rules import ChallengeState, challenge_state, reply_overdue_by
from tracker.core.dates import Quarter
from tracker.core.frozen import Frozen, Given
from tracker.core.permissions import lead_matches
from tracker.core.strategy_period import under_review
from tracker.core.tables import Challenge


@dataclass(frozen=True)
class ChallengeItem:
    id: int
    action_id: int
    action_ref: str
    action_text: str
    action_lead: str | None
    plan_id: int
    plan: str
    agency_id: int | None
    question: str
    reply_wanted_by: date
    raised_by: str
    raised_at: datetime
    reply: str | None
    replied_by: str | None
    replied_at: datetime | None
    closed_by: str | None
    closed_at: datetime | None
    closing_note: str | None
    state: ChallengeState
    reply_overdue_by: int  # days; 0 when not overdue
    quarter: Quarter  # the quarter under review it was raised for


class Show(StrEnum):
    """Which challenges a list shows."""

    OPEN = "open"
    AWAITING_REPLY = "awaiting-reply"
    ANSWERED = "answered"
    CLOSED = "closed"
    ALL = "all"

    @property
    def label(self) -> str:
        return SHOW_LABELS[self]


SHOW_LABELS = {
    Show.OPEN: "Open",
    Show.AWAITING_REPLY: "Awaiting reply",
    Show.ANSWERED: "Answered",
    Show.CLOSED: "Closed",
    Show.ALL: "All",
}


def show_from(text: str | None) -> Show:
    """An unknown choice falls back to the open ones: a list, never an error."""
    try:
        return Show(text or Show.OPEN)
    except ValueError:
        return Show.OPEN


@dataclass(frozen=True)
class ChallengeList:
    show: Show
    items: tuple[ChallengeItem, ...]
    counts: dict[Show, int]

    @property
    def open(self) -> int:
        return self.counts[Show.OPEN]


_COLUMNS = (
    *Challenge.all_columns(),
    Challenge.action.ref.as_alias("action_ref"),
    Challenge.action.text.as_alias("action_text"),
    Challenge.action.lead.as_alias("action_lead"),
    Challenge.action._.plan._.id.as_alias("plan_id"),
    Challenge.action._.plan._.name.as_alias("plan"),
    Challenge.action._.plan._.agency.as_alias("agency_id"),
)

_CHALLENGED_STRATEGY = Challenge.action._.plan._.strategy  # built once (Piccolo copies)


def challenge_item(row: dict[str, Any], today: date) -> ChallengeItem:
    state = challenge_state(row["reply"], row["closed_at"] is not None)
    return ChallengeItem(
        id=row["id"],
        action_id=row["action"],
        action_ref=row["action_ref"],
        action_text=row["action_text"],
        action_lead=row["action_lead"],
        plan_id=row["plan_id"],
        plan=row["plan"],
        agency_id=row["agency_id"],
        question=row["question"],
        reply_wanted_by=row["reply_wanted_by"],
        raised_by=row["raised_by"],
        raised_at=row["raised_at"],
        reply=row["reply"],
        replied_by=row["replied_by"],
        replied_at=row["replied_at"],
        closed_by=row["closed_by"],
        closed_at=row["closed_at"],
        closing_note=row["closing_note"],
        state=state,
        reply_overdue_by=reply_overdue_by(state, row["reply_wanted_by"], today),
        quarter=under_review(row.get("quarter"), row["raised_at"]),
    )


def shows(item: ChallengeItem, show: Show) -> bool:
    if show is Show.ALL:
        return True
    if show is Show.OPEN:
        return item.state is not ChallengeState.CLOSED
    return item.state.value == show.value


def in_order(items: Iterable[ChallengeItem]) -> tuple[ChallengeItem, ...]:
    """Open ones first, the reply wanted soonest at the top; then the latest closed."""
    items = tuple(items)
    open_items = sorted(
        (item for item in items if item.state is not ChallengeState.CLOSED),
        key=lambda item: (item.reply_wanted_by, item.id),
    )
    closed = sorted(
        (item for item in items if item.state is ChallengeState.CLOSED),
        key=lambda item: item.id,
        reverse=True,
    )
    return (*open_items, *closed)


def listed(items: Iterable[ChallengeItem], show: Show) -> ChallengeList:
    everything = tuple(items)
    counts = {choice: sum(1 for item in everything if shows(item, choice)) for choice in Show}
    return ChallengeList(show, in_order(item for item in everything if shows(item, show)), counts)


def awaiting_reply_from(
    items: Iterable[ChallengeItem], agency_ids: frozenset[int], lead_names: frozenset[str]
) -> tuple[ChallengeItem, ...]:
    """Those a lead is to answer: on their agencies' actions or actions they lead by title."""
    return in_order(
        item
        for item in items
        if item.state is ChallengeState.AWAITING_REPLY
        and (item.agency_id in agency_ids or lead_matches(item.action_lead, lead_names))
    )


# The lists, To do and the challenges page read these on every view: their SQL made once.
_EVERY = Frozen(lambda: Challenge.select(*_COLUMNS))
_OF_STRATEGY = Frozen(
    lambda: Challenge.select(*_COLUMNS).where(_CHALLENGED_STRATEGY == Given("strategy"))
)


async def challenge_list(show: Show, today: date, strategy_id: int | None = None) -> ChallengeList:
    """The challenges on the actions of strategy `strategy_id` (every one's with None)."""
    if strategy_id is None:
        rows = await _EVERY.rows()
    else:
        rows = await _OF_STRATEGY.rows(strategy=strategy_id)
    return listed((challenge_item(row, today) for row in rows), show)


async def challenge(challenge_id: int, today: date) -> ChallengeItem | None:
    row = await Challenge.select(*_COLUMNS).where(Challenge.id == challenge_id).first()
    return challenge_item(row, today) if row else None


# Every action's page reads it: its SQL made once (tracker.core.frozen).
_OF_ACTION = Frozen(lambda: Challenge.select(*_COLUMNS).where(Challenge.action == Given("id")))


async def action_challenges(action_id: int, today: date) -> tuple[ChallengeItem, ...]:
    rows = await _OF_ACTION.rows(id=action_id)
    return in_order(challenge_item(row, today) for row in rows)


async def awaiting_reply(
    agency_ids: frozenset[int],
    lead_names: frozenset[str],
    today: date,
    strategy_id: int | None = None,
) -> tuple[ChallengeItem, ...]:
    """For My actions (on strategy `strategy_id`'s actions, if given): one query, whatever
    the number of challenges."""
    waiting = Challenge.reply.is_null() & Challenge.closed_at.is_null()
    if strategy_id is not None:
        waiting = waiting & (_CHALLENGED_STRATEGY == strategy_id)
    rows = await Challenge.select(*_COLUMNS).where(waiting)
    return awaiting_reply_from((challenge_item(row, today) for row in rows), agency_ids, lead_names)
