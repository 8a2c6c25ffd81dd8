"""Assurance ratings and outcome evidence as pages and reports read them.

Every function runs a fixed number of queries, whatever the number of
actions or ratings: the rules (which rating stands as at a day, whether it
disagrees) are tracker.assurance.rules's, applied to the rows loaded.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime
from typing import Any

from tracker.assurance.rules import (
    Assurance,
    Rating,
    assurance_as_at,
    compared_on,
    default_quarter,
    disagrees,
    evidenced_label,
    quarter_to_rate,
)
from tracker.core import clock
from tracker.core.dates import Quarter
from tracker.core.frozen import Frozen, Given, given_ids
from tracker.core.tables import AssuranceRating, OutcomeEvidence, Update
from tracker.plans.overview import plan_order
from tracker.plans.portfolio import Portfolio
from tracker.plans.status import UpdateRecord, status_as_at, statuses_as_at
from tracker.plans.statuses import standing_updates, statuses

_RATING_COLUMNS = (
    AssuranceRating.action,
    AssuranceRating.quarter,
    AssuranceRating.rag,
    AssuranceRating.reason,
    AssuranceRating.set_by,
    AssuranceRating.set_at,
)
_UPDATE_COLUMNS = (
    Update.id,
    Update.action,
    Update.rag,
    Update.progress,
    Update.as_at,
    Update.recorded_at,
)


def _rating(row: dict) -> Rating:
    return Rating(
        row["action"],
        Quarter.parse(row["quarter"]),
        row["rag"],
        row["reason"],
        row["set_by"],
        row["set_at"],
    )


def _update(row: dict) -> UpdateRecord:
    return UpdateRecord(
        row["id"], row["action"], row["rag"], row["progress"], row["as_at"], row["recorded_at"]
    )


@dataclass(frozen=True)
class AssuredAction:
    """An action's assurance rating for a quarter beside the agency's own at the quarter's end."""

    action_id: int
    plan_id: int
    plan: str
    agency: str | None
    ref: str
    action_text: str
    quarter: Quarter
    agency_rag: str | None
    assurance_rag: str
    reason: str
    set_by: str
    set_at: datetime

    @property
    def disagrees(self) -> bool:
        return disagrees(self.agency_rag, self.assurance_rag)


# What the quarterly reports list: an assured action whose rating disagrees.
Disagreement = AssuredAction


@dataclass(frozen=True)
class QuarterAssurance:
    quarter: Quarter
    rated: tuple[AssuredAction, ...]  # every rating for the quarter, in plan order

    @property
    def disagreements(self) -> tuple[AssuredAction, ...]:
        return tuple(item for item in self.rated if item.disagrees)


# Built once: Piccolo copies every column of a joined table each time a join is named
# (about 0.1 ms a column here), and To do and the assurance page read these on every view.
_QUARTER_COLUMNS = (
    *_RATING_COLUMNS,
    AssuranceRating.action.ref.as_alias("ref"),
    AssuranceRating.action.text.as_alias("action_text"),
    AssuranceRating.action.position.as_alias("position"),
    AssuranceRating.action._.plan._.id.as_alias("plan_id"),
    AssuranceRating.action._.plan._.name.as_alias("plan"),
    AssuranceRating.action._.plan._.kind.as_alias("plan_kind"),
    AssuranceRating.action._.plan._.agency._.name.as_alias("agency"),
    AssuranceRating.action._.plan._.agency._.position.as_alias("agency_position"),
)
_RATED_STRATEGY = AssuranceRating.action._.plan._.strategy


async def quarter_assurance(quarter: Quarter, strategy_id: int | None = None) -> QuarterAssurance:
    """Every assurance rating for `quarter` (of strategy `strategy_id`'s actions, if given),
    each with the agency's own rating on its last day.

    Two queries: the ratings with their actions and plans, then the update standing on the
    quarter's last day for each of those actions (found by the database, no other update read).
    """
    rows = await AssuranceRating.select(*_QUARTER_COLUMNS).where(
        (AssuranceRating.quarter == quarter.slug)
        & (
            _RATED_STRATEGY == strategy_id
            if strategy_id is not None
            else AssuranceRating.quarter.is_not_null()
        )
    )
    if not rows:
        return QuarterAssurance(quarter, ())
    last_day = quarter.last_day
    agency = await statuses(last_day, action_ids=[row["action"] for row in rows])
    ordered = sorted(
        rows,
        key=lambda row: (
            plan_order(row["plan_kind"], row["agency_position"], row["plan"]),
            row["position"],
            row["action"],
        ),
    )
    return QuarterAssurance(
        quarter,
        tuple(
            AssuredAction(
                action_id=row["action"],
                plan_id=row["plan_id"],
                plan=row["plan"],
                agency=row["agency"],
                ref=row["ref"],
                action_text=row["action_text"],
                quarter=quarter,
                agency_rag=status.rag if (status := agency.get(row["action"])) else None,
                assurance_rag=row["rag"],
                reason=row["reason"],
                set_by=row["set_by"],
                set_at=row["set_at"],
            )
            for row in ordered
        ),
    )


async def disagreements(quarter: Quarter) -> tuple[Disagreement, ...]:
    """Every action whose assurance rating for `quarter` differs from the agency's own rating
    as at the quarter's last day, in plan order. Two queries, however many there are."""
    return (await quarter_assurance(quarter)).disagreements


_FEW = 900  # under SQLite's oldest limit on a statement's values

# Pages read these on every view: their SQL made once (tracker.core.frozen).
_RATINGS_OF = Frozen(
    lambda: AssuranceRating.select(*_RATING_COLUMNS).where(AssuranceRating.action == Given("id"))
)
_RATINGS_OF_THOSE = Frozen(
    lambda: AssuranceRating.select(*_RATING_COLUMNS).where(given_ids(AssuranceRating.action, "ids"))
)
_OUTCOME_OF = Frozen(
    lambda: OutcomeEvidence.select().where(OutcomeEvidence.action == Given("id")).limit(1)
)


async def ratings_of(ids: Sequence[int]) -> list[dict[str, Any]]:
    """The assurance ratings of those actions (for many, every rating), for
    with_assurance: a page may read them beside its other reads of the same actions."""
    if len(ids) <= _FEW:  # a page's actions: only theirs
        return await _RATINGS_OF_THOSE.rows(ids=ids)
    return await AssuranceRating.select(*_RATING_COLUMNS)


async def with_assurance(
    portfolio: Portfolio, ratings: Sequence[dict[str, Any]] | None = None
) -> Portfolio:
    """The portfolio with each action's assurance as at its day. Two queries more: the
    ratings (unless given, read by ratings_of), and each action's update standing on the
    days they are compared on."""
    by_action: dict[int, list[Rating]] = defaultdict(list)
    if ratings is None:
        ratings = await ratings_of([action.id for action in portfolio.actions])
    for row in ratings:
        by_action[row["action"]].append(_rating(row))
    if not by_action:
        return portfolio
    standing = {
        action.id: assurance_as_at(by_action.get(action.id, ()), portfolio.as_at)
        for action in portfolio.actions
    }
    days = {
        compared_on(rating.quarter, portfolio.as_at)
        for rating in standing.values()
        if rating is not None
    }
    updates = await standing_updates(days)
    rags_on = {
        day: {action: update.rag for action, update in statuses_as_at(updates, day).items()}
        for day in days
    }
    actions = []
    for action in portfolio.actions:
        rating = standing[action.id]
        if rating is None:
            actions.append(action)
            continue
        day = compared_on(rating.quarter, portfolio.as_at)
        assurance = Assurance(rating, rags_on[day].get(action.id), day)
        actions.append(replace(action, assurance=assurance))
    return replace(portfolio, actions=tuple(actions))


@dataclass(frozen=True)
class Outcome:
    evidenced: str
    note: str | None
    set_by: str
    set_at: datetime

    @property
    def label(self) -> str:
        return evidenced_label(self.evidenced)


@dataclass(frozen=True)
class ActionAssurance:
    """What the action page shows: the assurance as at its day, every rating, the outcome."""

    current: Assurance | None
    ratings: tuple[Rating, ...]  # newest quarter first
    outcome: Outcome | None
    to_rate: Quarter  # the quarter "Set assurance rating" opens on


async def action_assurance(
    action_id: int, as_at: date, *, today: date | None = None, withdrawn_on: date | None = None
) -> ActionAssurance:
    """Three queries: the action's ratings, its outcome evidence and its update standing on
    the day its rating is compared on. `withdrawn_on`: the day the action was withdrawn, if
    it was by `as_at`."""
    ratings = sorted(
        (_rating(row) for row in await _RATINGS_OF.rows(id=action_id)),
        key=lambda rating: rating.quarter,
        reverse=True,
    )
    outcome = await outcome_of(action_id)
    rating = assurance_as_at(ratings, as_at)
    current = None
    if rating is not None:
        day = compared_on(rating.quarter, as_at)
        status = (await statuses(day, action_id=action_id)).get(action_id)
        current = Assurance(rating, status.rag if status else None, day)
    today = today or clock.today()
    # As at today, the link changes the rating shown, if there is one.
    to_rate = (
        current.rating.quarter
        if current is not None and as_at >= today
        else quarter_to_rate(as_at, today, withdrawn_on)
    )
    return ActionAssurance(current, tuple(ratings), outcome, to_rate)


async def outcome_of(action_id: int) -> Outcome | None:
    row = await _OUTCOME_OF.first(id=action_id)
    if row is None:
        return None
    return Outcome(row["evidenced"], row["note"], row["set_by"], row["set_at"])


async def _updates_of(action_id: int, up_to: date) -> list[UpdateRecord]:
    rows = await Update.select(*_UPDATE_COLUMNS).where(
        (Update.action == action_id) & (Update.as_at <= up_to)
    )
    return [_update(row) for row in rows]


@dataclass(frozen=True)
class QuarterChoice:
    """A quarter the assurance form offers, with the agency's own rating at its end."""

    quarter: Quarter
    agency_rag: str | None
    agency_on: date
    rating: Rating | None  # the assurance rating already set for it, if any


async def quarter_choices(
    action_id: int, today: date, asked: Quarter | None = None
) -> tuple[QuarterChoice, ...]:
    """From the quarter of the action's first update (or the one just ended, if later)
    to the current quarter, newest first. Two queries."""
    updates = await _updates_of(action_id, Quarter.of(today).last_day)
    ratings = {
        rating.quarter: rating
        for rating in (_rating(row) for row in await _RATINGS_OF.rows(id=action_id))
    }
    current = Quarter.of(today)
    starts: Iterable[Quarter] = (
        default_quarter(today),
        *(Quarter.of(update.as_at) for update in updates),
        *ratings,
        *([asked] if asked else []),
    )
    quarter = min(starts)
    choices = []
    while quarter <= current:
        day = compared_on(quarter, today)
        status = status_as_at(updates, day)
        choices.append(
            QuarterChoice(quarter, status.rag if status else None, day, ratings.get(quarter))
        )
        quarter = quarter.next()
    return tuple(reversed(choices))
