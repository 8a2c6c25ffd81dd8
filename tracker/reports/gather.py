"""Reading what a quarter's report needs, as at the quarter end: a fixed number of queries.

Everything dated (updates) is read up to the quarter's last day only; the
rest (challenges, escalations, returns, assurance ratings, key messages, front
sheets) is
read whole, and tracker.reports.build decides from its dates what stood at
the quarter end.
"""

from __future__ import annotations

import asyncio
import json
from dataclasses import dataclass, field
from datetime import date, datetime

from tracker.challenges.queries import ChallengeItem, Show, challenge_list
from tracker.core.clock import uk_day
from tracker.core.dates import Quarter
from tracker.core.tables import (
    Action,
    AssuranceRating,
    ImportRecord,
    OutcomeEvidence,
    Strategy,
    Update,
)
from tracker.escalations.queries import EscalationItem, escalation_list
from tracker.plans.portfolio import Portfolio, portfolio
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


async def _strategy() -> tuple[str, str]:
    row = await Strategy.select(Strategy.name, Strategy.partnership).order_by(Strategy.id).first()
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


async def added_on() -> dict[int, date]:
    """The day each action entered its plan: the as-at day of the import that created it.

    An action added otherwise (or by an import since undone, which cannot be: undo
    removes what it created) entered on the UK day it was stored.
    """
    days = {
        row["id"]: uk_day(row["created_at"])
        for row in await Action.select(Action.id, Action.created_at)
    }
    imports = await ImportRecord.select(ImportRecord.as_at, ImportRecord.undo).where(
        ImportRecord.undone_at.is_null()
    )
    for row in imports:
        undo = row["undo"]
        log = json.loads(undo) if isinstance(undo, str) else undo
        for action_id in log.get("created_actions", []):
            if action_id in days:
                days[action_id] = min(days[action_id], row["as_at"])
    return days


async def _outcomes() -> dict[int, str]:
    rows = await OutcomeEvidence.select(OutcomeEvidence.action, OutcomeEvidence.evidenced)
    return {row["action"]: row["evidenced"] for row in rows}


async def _escalations() -> tuple[EscalationItem, ...]:
    escalated = await escalation_list(None)
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


async def gather(quarter: Quarter, *, today: date | None = None) -> Gathered:
    """`today` only dates the challenges' reply-overdue counts, which the report does not use.

    The reads are independent, so they run at once: the database works on the
    large ones (every action, every update) side by side.
    """
    async with asyncio.TaskGroup() as group:
        strategy = group.create_task(_strategy())
        as_at = group.create_task(
            portfolio(quarter.last_day, rated_on=[quarter.previous().last_day])
        )
        added = group.create_task(added_on())
        completions = group.create_task(_completions(quarter))
        outcomes = group.create_task(_outcomes())
        escalations = group.create_task(_escalations())
        challenges = group.create_task(challenge_list(Show.ALL, today or quarter.last_day))
        states = group.create_task(return_states(quarter))
        assurance = group.create_task(_assurance(quarter))
        messages = group.create_task(key_messages(quarter))
        fronts = group.create_task(front_sheets(quarter))
    return Gathered(
        quarter=quarter,
        strategy=strategy.result()[0],
        partnership=strategy.result()[1],
        portfolio=as_at.result(),
        added_on=added.result(),
        completions=completions.result(),
        outcomes=outcomes.result(),
        escalations=escalations.result(),
        challenges=challenges.result().items,
        return_states=states.result(),
        assurance=assurance.result(),
        key_messages=messages.result(),
        front_sheets=fronts.result(),
    )
