"""Reading what a quarter's report needs, as at the quarter end: a fixed number of queries.

Everything dated (updates) is read up to the quarter's last day only, with the
changes made since to actions' own fields (tracker.reports.as_stood); the rest
(challenges, escalations, returns, assurance ratings, key messages, front
sheets) is read whole, and tracker.reports.build decides from its dates what
stood at the quarter end.
"""

from __future__ import annotations

import asyncio
import json
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time
from typing import Any

from tracker.audit.kinds import AuditKind
from tracker.challenges.queries import ChallengeItem, Show, challenge_list
from tracker.core.chosen import current_strategy
from tracker.core.clock import uk_day
from tracker.core.dates import Quarter
from tracker.core.tables import (
    Action,
    AssuranceRating,
    AuditEvent,
    ImportRecord,
    OutcomeEvidence,
    Strategy,
    Update,
)
from tracker.escalations.queries import EscalationItem, escalation_list
from tracker.learning.queries import LearningLinks, learning_links
from tracker.plans.portfolio import Portfolio, portfolio
from tracker.reports.as_stood import FIELDS, FieldChange
from tracker.reports.front_sheets import front_sheets
from tracker.reports.messages import key_messages
from tracker.reports.model import Audience, FrontSheet
from tracker.returns.store import return_states


@dataclass(frozen=True)
class Completion:
    """An update dated in the quarter that rated the action complete (blue)."""

    action_id: int
    as_at: date
    recorded_at: datetime
    impact: str | None
    evidence_link: str | None


@dataclass(frozen=True)
class Assurance:
    action_id: int
    rag: str
    reason: str
    set_by: str


@dataclass(frozen=True)
class Gathered:
    quarter: Quarter
    strategy: str
    partnership: str
    # Every action as at the quarter end, with the updates standing then and at the
    # end of the previous quarter (all build needs: not the thousands before them).
    portfolio: Portfolio
    added_on: dict[int, date]  # the day each action entered its plan (see added_on)
    completions: tuple[Completion, ...]
    outcomes: dict[int, str]  # action id -> evidenced (yes, partly, not-yet)
    escalations: tuple[EscalationItem, ...]
    challenges: tuple[ChallengeItem, ...]
    return_states: dict[int, str]  # plan id -> state; a plan missing has not started
    assurance: tuple[Assurance, ...]
    key_messages: str
    front_sheets: dict[Audience, FrontSheet] = field(default_factory=dict)  # blank if none
    # Changes to actions' fields that took effect after the quarter's last day: what they
    # were before each (tracker.reports.as_stood), so the report shows them as they stood.
    changes: tuple[FieldChange, ...] = ()
    # Sources of learning, their items and the actions answering them (tracker.learning).
    learning: LearningLinks = LearningLinks((), (), (), {})


async def _strategy(strategy_id: int | None, named: tuple[str, str] | None) -> tuple[str, str]:
    if named is not None:
        return named
    row = (
        await Strategy.select(Strategy.name, Strategy.partnership)
        .where(Strategy.id == strategy_id)
        .first()
        if strategy_id is not None
        else None
    )
    return (row["name"], row["partnership"]) if row else ("", "")


async def _completions(quarter: Quarter) -> tuple[Completion, ...]:
    rows = await Update.select(
        Update.action,
        Update.as_at,
        Update.recorded_at,
        Update.impact,
        Update.evidence_link,
    ).where(
        (Update.rag == "blue")
        & (Update.as_at >= quarter.first_day)
        & (Update.as_at <= quarter.last_day)
    )
    return tuple(
        Completion(
            row["action"], row["as_at"], row["recorded_at"], row["impact"], row["evidence_link"]
        )
        for row in rows
    )


async def _imports() -> list[dict[str, Any]]:
    """Every import not undone: its as-at day, when it was made, and its undo log."""
    rows = await ImportRecord.select(
        ImportRecord.as_at, ImportRecord.imported_at, ImportRecord.undo
    ).where(ImportRecord.undone_at.is_null())
    return [row | {"undo": _loaded(row["undo"])} for row in rows]


async def added_on(imports: list[dict[str, Any]]) -> dict[int, date]:
    """The day each action entered its plan: the as-at day of the import that created it.

    An action added otherwise (or by an import since undone, which cannot be: undo
    removes what it created) entered on the UK day it was stored.
    """
    days = {
        row["id"]: row["added_on"] or uk_day(row["created_at"])
        for row in await Action.select(Action.id, Action.created_at, Action.added_on)
    }
    for row in imports:
        for action_id in row["undo"].get("created_actions", []):
            if action_id in days:
                days[action_id] = min(days[action_id], row["as_at"])
    return days


def _values(before: dict[str, Any]) -> dict[str, Any]:
    """The fields a change records, as Python values (the JSON keeps days as ISO text)."""
    values = {name: before[name] for name in FIELDS if name in before}
    if isinstance(values.get("due"), str):
        values["due"] = date.fromisoformat(values["due"])
    return values


def _loaded(value: Any) -> dict[str, Any]:
    return json.loads(value) if isinstance(value, str) else (value or {})


async def _edits_after(day: date) -> list[FieldChange]:
    """Edits of actions' fields made after the UK day `day`: one query. The next UK day
    starts at 23:00 UTC in summer, so the query reads from `day`'s UTC start, and the
    edits made on `day` itself are left out here."""
    rows = await AuditEvent.select(
        AuditEvent.action_id, AuditEvent.occurred_at, AuditEvent.before
    ).where(
        # An edit of lead, time-frame or due; or a rewording (tracker.plan_changes).
        AuditEvent.kind.is_in([AuditKind.EDIT.value, AuditKind.ACTION_REWORDED.value])
        & (AuditEvent.occurred_at >= datetime.combine(day, time(), tzinfo=UTC))
        & AuditEvent.action_id.is_not_null()
    )
    changes = (
        FieldChange(
            row["action_id"],
            uk_day(row["occurred_at"]),
            row["occurred_at"],
            _values(_loaded(row["before"])),
        )
        for row in rows
    )
    return [change for change in changes if change.takes_effect > day]


def _imported_after(imports: list[dict[str, Any]], day: date) -> list[FieldChange]:
    """What imports of returns as at a later day overwrote of actions' fields."""
    return [
        FieldChange(int(action_id), row["as_at"], row["imported_at"], _values(before))
        for row in imports
        if row["as_at"] > day
        for action_id, before in row["undo"].get("edited_actions", {}).items()
    ]


async def _entered_and_imported(day: date) -> tuple[dict[int, date], list[FieldChange]]:
    """Each action's day it entered its plan, and what imports after `day` overwrote."""
    imports = await _imports()
    return await added_on(imports), _imported_after(imports, day)


async def _outcomes() -> dict[int, str]:
    rows = await OutcomeEvidence.select(OutcomeEvidence.action, OutcomeEvidence.evidenced)
    return {row["action"]: row["evidenced"] for row in rows}


async def _escalations(strategy_id: int | None) -> tuple[EscalationItem, ...]:
    escalated = await escalation_list(None, strategy_id)
    return (
        *(item for group in escalated.open_by_body for item in group.items),
        *escalated.resolved,
    )


async def _assurance(quarter: Quarter) -> tuple[Assurance, ...]:
    rows = await AssuranceRating.select(
        AssuranceRating.action,
        AssuranceRating.rag,
        AssuranceRating.reason,
        AssuranceRating.set_by,
    ).where(AssuranceRating.quarter == quarter.slug)
    return tuple(Assurance(row["action"], row["rag"], row["reason"], row["set_by"]) for row in rows)


async def gather(
    quarter: Quarter, *, today: date | None = None, strategy_id: int | None = None
) -> Gathered:
    """The report of strategy `strategy_id`'s actions for `quarter` (None: the current one).

    `today` only dates the challenges' reply-overdue counts, which the report does not use.

    The reads are independent, so they run at once: the database works on the
    large ones (every action, every update) side by side.
    """
    # The strategy's name and partnership: read with its id, or with the current one.
    named: tuple[str, str] | None = None
    if strategy_id is None:
        current = await current_strategy()
        strategy_id = current.id if current else None
        named = (current.name, current.partnership) if current else ("", "")
    async with asyncio.TaskGroup() as group:
        strategy = group.create_task(_strategy(strategy_id, named))
        as_at = group.create_task(
            portfolio(
                quarter.last_day,
                rated_on=[quarter.previous().last_day],
                strategy_id=strategy_id,
            )
        )
        entered = group.create_task(_entered_and_imported(quarter.last_day))
        edits = group.create_task(_edits_after(quarter.last_day))
        completions = group.create_task(_completions(quarter))
        outcomes = group.create_task(_outcomes())
        escalations = group.create_task(_escalations(strategy_id))
        challenges = group.create_task(
            challenge_list(Show.ALL, today or quarter.last_day, strategy_id)
        )
        states = group.create_task(return_states(quarter))
        assurance = group.create_task(_assurance(quarter))
        messages = group.create_task(key_messages(quarter, strategy_id=strategy_id))
        fronts = group.create_task(front_sheets(quarter, strategy_id=strategy_id))
        learning = group.create_task(learning_links())
    return Gathered(
        quarter=quarter,
        strategy=strategy.result()[0],
        partnership=strategy.result()[1],
        portfolio=as_at.result(),
        added_on=entered.result()[0],
        completions=completions.result(),
        outcomes=outcomes.result(),
        escalations=escalations.result(),
        challenges=challenges.result().items,
        return_states=states.result(),
        assurance=assurance.result(),
        key_messages=messages.result(),
        front_sheets=fronts.result(),
        changes=(*edits.result(), *entered.result()[1]),
        learning=learning.result(),
    )
