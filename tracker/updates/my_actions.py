"""An agency lead's own actions, across plans: those not yet updated for the quarter first.

The quarter is the one whose return is open (tracker.returns.rules.open_return) for the
plans of the lead's actions, while one is; otherwise today's.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any, NamedTuple

from piccolo.columns.combination import Combinable

from tracker.core.dates import Quarter
from tracker.core.kept_counts import keep, kept, seen_now
from tracker.core.permissions import lead_matches
from tracker.core.tables import Action, Update
from tracker.plans.model import ActionAsAt
from tracker.plans.queries import actions_of_ids, in_force, one_action_as_at
from tracker.plans.statuses import statuses
from tracker.returns.rules import ReturnState, collecting


@dataclass(frozen=True)
class MyAction:
    action: ActionAsAt
    updated_this_quarter: bool

    @property
    def plan_id(self) -> int:
        return self.action.plan_id

    @property
    def plan(self) -> str:
        return self.action.plan


class Listed(NamedTuple):
    """One of the person's actions in the list: which, and whether it is updated. (A tuple:
    a lead of 1,500 actions has 1,500 made on every view of the list.)"""

    action_id: int
    plan_id: int
    updated_this_quarter: bool


@dataclass(frozen=True)
class MyActions:
    """The person's actions, in the list's order (not yet updated first, then by plan);
    `page_rows` makes a page of them in full."""

    quarter: Quarter
    actions: tuple[Listed, ...]
    returning: bool = False  # the quarter is one whose return is open, not today's

    @property
    def remaining(self) -> int:
        return sum(1 for item in self.actions if not item.updated_this_quarter)


# One query, as My actions is opened often: the actions with an update dated in the
# quarter (a later one does not hide it), and the plans whose return for it was accepted.
_QUARTER_WORK = (
    "SELECT 'updated' AS kind, u.action AS id FROM action_update u "
    "WHERE u.as_at >= {} AND u.as_at <= {} "
    "UNION ALL SELECT 'accepted' AS kind, r.plan AS id FROM plan_return r "
    "WHERE r.quarter = {} AND r.state = {}"
)


async def _quarter_work(quarter: Quarter) -> tuple[set[int], set[int]]:
    """(actions updated in the quarter, plans whose return for it was accepted)."""
    rows = await Update.raw(
        _QUARTER_WORK,
        quarter.first_day,
        quarter.last_day,
        quarter.slug,
        ReturnState.ACCEPTED.value,
    )
    updated = {row["id"] for row in rows if row["kind"] == "updated"}
    return updated, {row["id"] for row in rows if row["kind"] == "accepted"}


def _updated(standing_as_at: date | None, accepted: bool, today: date, updated: bool) -> bool:
    """Updated for the quarter: its plan's return accepted, by its standing update being
    dated this quarter; otherwise by an update dated in the quarter collected."""
    return Quarter.of(today).holds(standing_as_at) if accepted else updated


def _item(action: ActionAsAt, today: date, accepted: set[int], updated: set[int]) -> MyAction:
    flag = _updated(action.status_as_at, action.plan_id in accepted, today, action.id in updated)
    return MyAction(action, flag)


def _possibly_theirs(agency_ids: frozenset[int], lead_names: frozenset[str]) -> Combinable:
    """A condition every action of theirs meets (lead_matches then decides), so only those
    are read with their statuses, not every action: of their agencies' plans, or with a
    lead holding each word of one of their lead titles (in any case)."""
    condition: Combinable = Action.plan.agency.is_in(list(agency_ids) or [0])
    for name in lead_names:
        words = name.split()
        if not words:
            continue
        if not name.isascii() or "\\" in name:  # may not fold, or escapes: any lead
            return condition | Action.lead.is_not_null()
        # % and _ in a word match themselves among others: still every lead naming it.
        named: Combinable = _containing(words[0])
        for word in words[1:]:
            named = named & _containing(word)
        condition = condition | named
    return condition


def _containing(word: str) -> Combinable:
    """The lead holds `word`, in any case: ILIKE on PostgreSQL; SQLite's LIKE ignores the
    case of ASCII letters already (and has no ILIKE: Piccolo would warn on every request)."""
    if Action._meta.db.engine_type == "postgres":
        return Action.lead.ilike(f"%{word}%")
    return Action.lead.like(f"%{word}%")


# Built once: Piccolo copies every column of a joined table each time a join is named.
_CANDIDATE_COLUMNS = (
    Action.id,
    Action.plan,
    Action.lead,
    Action.plan._.agency.as_alias("agency"),
)


KEPT = "my actions "  # tracker.core.kept_counts' kinds: this and a digest of whose and when
MOST_KEPT = 200  # lists kept for a strategy at once


def _kind(agency_ids: frozenset[int], lead_names: frozenset[str], today: date) -> str:
    """The kind a list is kept under: the day and the agencies and lead titles it is for
    (people acting for the same share it; a change to someone's makes another)."""
    whose = json.dumps([today.isoformat(), sorted(agency_ids), sorted(lead_names)])
    return KEPT + hashlib.sha256(whose.encode()).hexdigest()[:24]


def _kept_form(mine: MyActions) -> list[Any]:
    return [
        mine.quarter.slug,
        mine.returning,
        [item.action_id for item in mine.actions],
        [item.plan_id for item in mine.actions],
        "".join("1" if item.updated_this_quarter else "0" for item in mine.actions),
    ]


def _from_kept(form: list[Any]) -> MyActions:
    slug, returning, action_ids, plan_ids, updated = form
    items = tuple(map(Listed, action_ids, plan_ids, (flag == "1" for flag in updated)))
    return MyActions(Quarter.parse(slug), items, returning)


async def my_actions(
    agency_ids: frozenset[int],
    lead_names: frozenset[str],
    today: date,
    strategy_id: int | None = None,
) -> MyActions:
    """The person's actions (in strategy `strategy_id`, if given) as at today: which, in
    order, from their plan, place and lead alone. A lead of 1,500 actions sees 50 a page,
    so only a page's are read in full (`page_rows`).

    Kept between views (tracker.core.kept_counts) until a change ends it: to an action, its
    plan or lead, an update dated by today (the quarter collected is before it), a return,
    or whom an account acts for. Working it out took 10 ms of the 20 of the page of a lead
    with 1,550 actions."""
    kind = _kind(agency_ids, lead_names, today)
    found = await kept(kind, strategy_id, [today], view=True)
    if today in found:
        return _from_kept(found[today])
    seen = await seen_now()  # what the queries below see at least: a change they miss ends it
    mine = await _worked_out(agency_ids, lead_names, today, strategy_id)
    await keep(kind, strategy_id, {today: (_kept_form(mine), seen)}, at_most=(KEPT, MOST_KEPT))
    return mine


async def _worked_out(
    agency_ids: frozenset[int],
    lead_names: frozenset[str],
    today: date,
    strategy_id: int | None,
) -> MyActions:
    """my_actions' list, from the database: standing updates are read only for the actions
    of plans whose return was accepted, where they decide "updated"."""
    returned = collecting(today)
    updated, accepted = await _quarter_work(returned)
    where = [Action.plan._.strategy == strategy_id] if strategy_id is not None else []
    candidates = await (
        Action.select(*_CANDIDATE_COLUMNS)
        .where(in_force(today), _possibly_theirs(agency_ids, lead_names), *where)
        .order_by(Action.plan, Action.position)
    )
    theirs = [
        row
        for row in candidates
        if row["agency"] in agency_ids or lead_matches(row["lead"], lead_names)
    ]
    judged = [row["id"] for row in theirs if row["plan"] in accepted]
    standing = await statuses(today, action_ids=judged) if judged else {}
    items = [
        Listed(
            row["id"],
            row["plan"],
            _updated(
                standing[row["id"]].as_at if row["id"] in standing else None,
                True,
                today,
                row["id"] in updated,
            )
            if row["plan"] in accepted
            else row["id"] in updated,  # (_updated's rule, without the call)
        )
        for row in theirs
    ]
    items.sort(key=lambda item: item.updated_this_quarter)  # stable: plan order kept within
    returning = any(item.plan_id not in accepted for item in items)
    quarter = returned if returning else Quarter.of(today)
    return MyActions(quarter, tuple(items), returning)


async def page_rows(listed: Sequence[Listed], today: date) -> list[MyAction]:
    """Those of the list in full, in its order: a page of it."""
    if not listed:
        return []
    found = {
        action.id: action
        for action in await actions_of_ids(today, [item.action_id for item in listed])
    }
    return [
        MyAction(found[item.action_id], item.updated_this_quarter)
        for item in listed
        if item.action_id in found
    ]


async def my_action(action_id: int, today: date) -> MyAction | None:
    """One row of the list, after it was updated in place."""
    action = await one_action_as_at(action_id, today)
    if action is None:
        return None
    returned = collecting(today)
    updated, accepted = await _quarter_work(returned)
    return _item(action, today, accepted, updated)
