"""What waits for a chair or the business unit, gathered from the features that hold it.

A fixed number of queries whatever the number of returns, challenges, ratings or
flags: one for the returns awaiting a decision, one for the challenges, two for
the assurance ratings of the quarter under review; for the business unit five
for the quarter's returns and a bounded few for the flagged text.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, replace
from datetime import date, datetime

from piccolo.columns.combination import Combinable
from piccolo.query import Select

from tracker.assurance.queries import Disagreement, disagreements
from tracker.challenges.queries import ChallengeItem, Show, challenge_list
from tracker.challenges.rules import ChallengeState
from tracker.core.dates import Quarter
from tracker.core.frozen import Frozen, Given
from tracker.core.roles import Role
from tracker.core.tables import PlanReturn
from tracker.plans.overview import plan_order
from tracker.redaction.queries import FlagItem, flagged_text
from tracker.redaction.queries import Show as FlagShow
from tracker.returns.queries import ReturnSummary, quarter_returns
from tracker.returns.rules import ReturnState, collecting
from tracker.todo.rules import Count, Section, counts, sections_for, waiting


@dataclass(frozen=True)
class ReturnToDecide:
    """A plan's return submitted (or resubmitted) and waiting for a chair, whatever quarter."""

    plan_id: int
    plan: str
    quarter: Quarter
    state: ReturnState
    submitted_by: str | None
    submitted_at: datetime | None
    on_behalf: bool


@dataclass(frozen=True)
class ToDo:
    role: Role
    quarter: Quarter  # the quarter under review: its returns are being collected
    returns_to_decide: tuple[ReturnToDecide, ...] = ()
    answers_to_close: tuple[ChallengeItem, ...] = ()
    disagreements: tuple[Disagreement, ...] = ()
    replies_overdue: tuple[ChallengeItem, ...] = ()
    returns_overdue: tuple[ReturnSummary, ...] = ()
    flagged: tuple[FlagItem, ...] = ()

    @property
    def counts(self) -> tuple[Count, ...]:
        sizes = {
            Section.RETURNS_TO_DECIDE: len(self.returns_to_decide),
            Section.ANSWERS_TO_CLOSE: len(self.answers_to_close),
            Section.DISAGREEMENTS: len(self.disagreements),
            Section.REPLIES_OVERDUE: len(self.replies_overdue),
            Section.RETURNS_OVERDUE: len(self.returns_overdue),
            Section.FLAGGED_TEXT: len(self.flagged),
        }
        return counts(sections_for(self.role), sizes)

    @property
    def waiting(self) -> int:
        return waiting(self.counts)


# Built once: Piccolo copies every column of a joined table each time a join is named.
_RETURN_COLUMNS = (
    PlanReturn.plan,
    PlanReturn.quarter,
    PlanReturn.state,
    PlanReturn.submitted_by,
    PlanReturn.submitted_at,
    PlanReturn.on_behalf,
    PlanReturn.plan.name.as_alias("plan_name"),
    PlanReturn.plan.kind.as_alias("kind"),
    PlanReturn.plan._.agency._.position.as_alias("agency_position"),
)
_RETURN_STRATEGY = PlanReturn.plan._.strategy


def _waiting(in_strategy: bool) -> Frozen:
    def build() -> Select:
        waiting: Combinable = PlanReturn.state.is_in(
            [state.value for state in ReturnState if state.awaits_chair]
        )
        if in_strategy:
            waiting = waiting & (_RETURN_STRATEGY == Given("strategy"))
        return PlanReturn.select(*_RETURN_COLUMNS).where(waiting)

    return Frozen(build)


# To do reads one of these on every view: their SQL made once (tracker.core.frozen).
_WAITING, _WAITING_IN = _waiting(False), _waiting(True)


async def returns_to_decide(strategy_id: int | None = None) -> tuple[ReturnToDecide, ...]:
    """Every return with a chair (of strategy `strategy_id`'s plans, if given), the longest
    waiting first: one query."""
    if strategy_id is None:
        rows = await _WAITING.rows()
    else:
        rows = await _WAITING_IN.rows(strategy=strategy_id)
    rows.sort(
        key=lambda row: (
            row["quarter"],
            plan_order(row["kind"], row["agency_position"], row["plan_name"]),
        )
    )
    return tuple(
        ReturnToDecide(
            plan_id=row["plan"],
            plan=row["plan_name"],
            quarter=Quarter.parse(row["quarter"]),
            state=ReturnState(row["state"]),
            submitted_by=row["submitted_by"],
            submitted_at=row["submitted_at"],
            on_behalf=bool(row["on_behalf"]),
        )
        for row in rows
    )


async def to_do(role: Role, today: date, strategy_id: int | None = None) -> ToDo:
    """What waits for `role` today in strategy `strategy_id` (every one with None): empty for
    a role without a To do page."""
    quarter = collecting(today)
    sections = sections_for(role)
    if not sections:
        return ToDo(role, quarter)
    overdue_too = Section.RETURNS_OVERDUE in sections
    # Independent reads at once, each on a connection of its own.
    listed, deciding, disagreeing, collected, flags = await asyncio.gather(
        challenge_list(Show.OPEN, today, strategy_id),
        returns_to_decide(strategy_id),
        disagreements(quarter),
        quarter_returns(quarter, today, strategy_id) if overdue_too else _nothing(),
        flagged_text(FlagShow.OPEN) if overdue_too else _nothing(),
    )
    challenges = listed.items
    found = ToDo(
        role,
        quarter,
        returns_to_decide=deciding,
        answers_to_close=tuple(
            item for item in challenges if item.state is ChallengeState.ANSWERED
        ),
        disagreements=disagreeing,
        replies_overdue=tuple(
            sorted(
                (item for item in challenges if item.reply_overdue_by),
                key=lambda item: (-item.reply_overdue_by, item.id),
            )
        ),
    )
    if collected is None or flags is None:
        return found
    return replace(
        found,
        returns_overdue=tuple(item for item in collected.returns if item.days_overdue),
        flagged=tuple(flags.items),
    )


async def _nothing() -> None:
    return None
