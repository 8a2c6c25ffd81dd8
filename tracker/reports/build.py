"""From what was gathered to the report for an audience. Pure: no database, no clock.

The rules that make a quarter's figures the same whenever they are worked out:

- An action's RAG is its latest update dated on or before the quarter's last
  day; movement compares it with its RAG on the previous quarter's last day.
- Its wording, lead, time-frame and due date (so whether it is overdue) are as
  they stood at the end of the quarter's last day, from the edits and imports
  recorded since (tracker.reports.as_stood).
- An action counts in a quarter if it entered its plan by the quarter's last
  day (the as-at day of the import that created it, else the day it was
  added), or has an update dated on or before it. An action a later return
  added is left out of earlier quarters: it was not in the plan then.
- Challenges and escalations are raised for a quarter under review, often
  after it ends while its returns are read. Those raised for the quarter are
  in its report as they are when it is generated; those from earlier quarters
  as they stood at the end of its last day (UK time): open then, or resolved
  in it. Those raised for a later quarter are not in it.
- Returns' states, assurance ratings, key messages and front sheets are about the quarter
  and made after it ends: the report shows them as they are when generated.
  Publishing freezes them with the rest.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import replace
from datetime import date, datetime
from typing import Any

from tracker.challenges.queries import ChallengeItem
from tracker.core.clock import uk_day
from tracker.core.dates import Quarter
from tracker.core.rag import RagCounts
from tracker.core.tables import PlanKind
from tracker.coverage.queries import coverage_matrix
from tracker.escalations.queries import EscalationItem
from tracker.learning.rules import STANDINGS, is_gap, roll_up
from tracker.plans.model import values_of
from tracker.plans.portfolio import PlanInfo, PortfolioAction
from tracker.plans.status import statuses_as_at
from tracker.reports.as_stood import as_it_stood, fields_on
from tracker.reports.gather import Completion, Gathered
from tracker.reports.model import (
    Audience,
    ChallengeRow,
    CompletedRow,
    CoverageRow,
    Disagreement,
    EscalationRow,
    EscalationState,
    ExceptionRow,
    LearningRow,
    Movement,
    MovementCounts,
    ObjectiveGroup,
    PlanAppendix,
    PlanCounts,
    Report,
    ReportAction,
    ReturnRow,
)
from tracker.reports.rules import blank_front_sheet
from tracker.returns.rules import ReturnState

RAG_SCORE = {"red": 0, "amber": 1, "green": 2, "blue": 3}
AGENCY_KINDS = frozenset({PlanKind.AGENCY.value, PlanKind.ADDITIONAL.value})
OUTCOME_LABELS = {"yes": "Evidenced", "partly": "Partly evidenced", "not-yet": "Not yet evidenced"}


def movement(previous: str | None, current: str | None) -> Movement:
    if current not in RAG_SCORE:
        return Movement.NOT_RATED
    if previous not in RAG_SCORE:
        return Movement.NEW
    change = RAG_SCORE[current] - RAG_SCORE[previous]
    if change > 0:
        return Movement.IMPROVED
    if change < 0:
        return Movement.DECLINED
    return Movement.UNCHANGED


def movement_counts(movements: Iterable[Movement]) -> MovementCounts:
    tally: dict[Movement, int] = defaultdict(int)
    for moved in movements:
        tally[moved] += 1
    return MovementCounts(
        improved=tally[Movement.IMPROVED],
        declined=tally[Movement.DECLINED],
        unchanged=tally[Movement.UNCHANGED],
        new=tally[Movement.NEW],
        not_rated=tally[Movement.NOT_RATED],
    )


def in_plan_on(gathered: Gathered, day: date) -> frozenset[int]:
    """The actions that count on `day`: added by then, or with an update dated by then, and
    not withdrawn on or before it."""
    dated = {update.action_id for update in gathered.portfolio.updates if update.as_at <= day}
    added = {action_id for action_id, added in gathered.added_on.items() if added <= day}
    withdrawn = {action.id for action in gathered.portfolio.actions if action.withdrawn_by_day(day)}
    return frozenset((dated | added) - withdrawn)


def _report_action(
    action: PortfolioAction, previous: str | None, stood: dict[str, Any]
) -> ReportAction:
    """The action as at the quarter end: its fields as they stood (`stood`: those since
    changed, as they were), its RAG then and its movement since the previous quarter."""
    return as_it_stood(
        ReportAction(
            **values_of(action), previous_rag=previous, movement=movement(previous, action.rag)
        ),
        stood,
    )


def _plan_counts(
    plan: PlanInfo,
    now: list[tuple[PortfolioAction, ReportAction]],
    previous_rags: list[str | None],
    state: ReturnState,
) -> PlanCounts:
    return PlanCounts(
        plan=plan.name,
        agency=plan.agency,
        counts=RagCounts.of(action.rag for action, _ in now),
        previous_counts=RagCounts.of(previous_rags),
        movement=movement_counts(row.movement for _, row in now),
        return_state=state,
    )


def _completed(
    rows: list[tuple[PortfolioAction, ReportAction]],
    completions: Iterable[Completion],
    outcomes: dict[int, str],
) -> tuple[CompletedRow, ...]:
    by_action: dict[int, list[Completion]] = defaultdict(list)
    for completion in completions:
        by_action[completion.action_id].append(completion)
    made = []
    for action, row in rows:
        if row.rag != "blue" or row.previous_rag == "blue":
            continue
        found = sorted(by_action[action.id], key=lambda c: (c.as_at, c.recorded_at))
        with_impact = [c for c in found if c.impact]
        latest = with_impact[-1] if with_impact else (found[-1] if found else None)
        made.append(
            CompletedRow(
                plan=row.plan,
                ref=row.ref,
                text=row.text,
                lead=row.lead,
                completed_on=found[0].as_at if found else (row.status_as_at or date.min),
                impact=latest.impact if latest else None,
                evidence_link=latest.evidence_link if latest else None,
                outcome=OUTCOME_LABELS.get(outcomes.get(action.id, ""), None),
            )
        )
    return tuple(made)


def escalation_row(item: EscalationItem, gathered: Gathered) -> EscalationRow | None:
    """The escalation in the quarter's picture (see the module docstring), or None."""
    quarter = gathered.quarter
    raised = uk_day(item.raised_at)
    resolved = uk_day(item.resolved_at) if item.resolved_at else None
    if item.quarter > quarter:
        return None
    if item.quarter == quarter:
        state = EscalationState.RAISED_AND_RESOLVED if resolved else EscalationState.RAISED
    else:
        if raised > quarter.last_day:
            return None  # raised since for an earlier quarter: not there at this one's end
        if resolved is not None and resolved > quarter.last_day:
            resolved = None  # resolved since: still open at the quarter end
        if resolved is not None and resolved < quarter.first_day:
            return None  # settled in an earlier quarter
        state = EscalationState.RESOLVED if resolved else EscalationState.OPEN
    return EscalationRow(
        to=item.escalated_to,
        to_label=item.body,
        title=item.title,
        plan=item.plan,
        ref=item.action_ref,
        rationale=item.rationale,
        raised_on=raised,
        raised_by=item.raised_by,
        resolved_on=resolved,
        resolution=item.resolution if resolved else None,
        state=state,
    )


def challenge_row(item: ChallengeItem, quarter: Quarter) -> ChallengeRow | None:
    """One raised for the quarter as it is now; one from earlier if open at the quarter end."""
    raised = uk_day(item.raised_at)
    closed = uk_day(item.closed_at) if item.closed_at else None
    if item.quarter > quarter:
        return None
    if item.quarter == quarter:
        return ChallengeRow(
            plan=item.plan,
            ref=item.action_ref,
            question=item.question,
            raised_on=raised,
            raised_by=item.raised_by,
            reply_wanted_by=item.reply_wanted_by,
            replied=item.replied_at is not None,
            closed=closed is not None,
        )
    last_day = quarter.last_day
    if raised > last_day or (closed is not None and closed <= last_day):
        return None
    return ChallengeRow(
        plan=item.plan,
        ref=item.action_ref,
        question=item.question,
        raised_on=raised,
        raised_by=item.raised_by,
        reply_wanted_by=item.reply_wanted_by,
        replied=item.replied_at is not None and uk_day(item.replied_at) <= last_day,
        closed=False,
    )


def _appendix(rows: list[ReportAction], plans: tuple[PlanInfo, ...]) -> tuple[PlanAppendix, ...]:
    by_plan: dict[str, dict[tuple[str, str], list[ReportAction]]] = defaultdict(dict)
    for row in rows:
        by_plan[row.plan].setdefault((row.objective_ref, row.objective_text), []).append(row)
    return tuple(
        PlanAppendix(
            plan=plan.name,
            agency=plan.agency,
            objectives=tuple(
                ObjectiveGroup(ref, text, tuple(actions))
                for (ref, text), actions in by_plan[plan.name].items()
            ),
        )
        for plan in plans
        if by_plan.get(plan.name)
    )


def _not_returned(plans: tuple[PlanInfo, ...], states: dict[int, ReturnState]) -> tuple[str, ...]:
    names: list[str] = []
    for plan in plans:
        if plan.kind in AGENCY_KINDS and plan.agency and not states[plan.id].is_in:
            if plan.agency not in names:
                names.append(plan.agency)
    return tuple(names)


def build(gathered: Gathered, audience: Audience, generated_at: datetime) -> Report:
    quarter = gathered.quarter
    held = gathered.portfolio
    now_in = in_plan_on(gathered, quarter.last_day)
    before_in = in_plan_on(gathered, quarter.previous().last_day)
    earlier = statuses_as_at(held.updates, quarter.previous().last_day)

    def previous_rag(action_id: int) -> str | None:
        status = earlier.get(action_id)
        return status.rag if status and action_id in before_in else None

    stood = fields_on(gathered.changes, quarter.last_day)
    counted = [
        (action, _report_action(action, previous_rag(action.id), stood.get(action.id, {})))
        for action in held.actions
        if action.id in now_in
    ]
    states = {
        plan.id: ReturnState(gathered.return_states.get(plan.id, ReturnState.NOT_STARTED.value))
        for plan in held.plans
    }
    plans = tuple(
        _plan_counts(
            plan,
            [pair for pair in counted if pair[0].plan_id == plan.id],
            [
                previous_rag(action.id)
                for action in held.actions
                if action.plan_id == plan.id and action.id in before_in
            ],
            states[plan.id],
        )
        for plan in held.plans
    )
    rows = [row for _, row in counted]
    matrix = coverage_matrix(replace(held, actions=tuple(action for action, _ in counted)))
    escalations = (escalation_row(item, gathered) for item in gathered.escalations)
    by_id = {action.id: row for action, row in counted}
    return Report(
        audience=audience,
        strategy=gathered.strategy,
        partnership=gathered.partnership,
        quarter=quarter,
        generated_at=generated_at,
        counts=RagCounts.of(row.rag for row in rows),
        previous_counts=RagCounts.of(
            previous_rag(action.id) for action in held.actions if action.id in before_in
        ),
        movement=movement_counts(row.movement for row in rows),
        plans=plans,
        returns=tuple(ReturnRow(plan.name, plan.agency, states[plan.id]) for plan in held.plans),
        not_returned=_not_returned(held.plans, states),
        disagreements=tuple(
            Disagreement(
                plan=by_id[rating.action_id].plan,
                ref=by_id[rating.action_id].ref,
                text=by_id[rating.action_id].text,
                agency_rag=by_id[rating.action_id].rag,
                assurance_rag=rating.rag,
                reason=rating.reason,
                set_by=rating.set_by,
            )
            for rating in sorted(gathered.assurance, key=lambda r: r.action_id)
            if rating.action_id in by_id and rating.rag != by_id[rating.action_id].rag
        ),
        exceptions=tuple(ExceptionRow(row) for row in rows if row.rag == "red" or row.overdue),
        completed=_completed(counted, gathered.completions, gathered.outcomes),
        escalations=tuple(
            sorted(
                (
                    row
                    for row in escalations
                    if row and (audience is Audience.BUSINESS_GROUP or row.to == Audience.MASA)
                ),
                key=lambda row: (row.raised_on, row.title),
            )
        ),
        challenges=tuple(
            sorted(
                filter(None, (challenge_row(c, quarter) for c in gathered.challenges)),
                key=lambda row: (row.raised_on, row.plan, row.ref),
            )
        ),
        coverage=tuple(
            CoverageRow(row.agency.name, row.covered, len(row.cells), row.gaps)
            for row in matrix.rows
        ),
        key_messages=gathered.key_messages,
        front=gathered.front_sheets.get(audience) or blank_front_sheet(audience),
        appendix=_appendix(rows, held.plans),
        learning=(
            _learning(gathered, by_id, previous_rag, before_in)
            if audience is Audience.BUSINESS_GROUP
            else ()
        ),
    )


def _learning(
    gathered: Gathered,
    by_id: dict[int, ReportAction],
    previous_rag: Callable[[int], str | None],
    before_in: frozenset[int],
) -> tuple[LearningRow, ...]:
    """Each source's items by standing at the quarter's end and the previous quarter's, from
    the report's own actions: an action not yet in its plan then answers nothing then."""
    data = gathered.learning
    last, previous = gathered.quarter.last_day, gathered.quarter.previous().last_day
    answering: dict[int, list[int]] = defaultdict(list)
    for item_id, action_id in data.links:
        answering[item_id].append(action_id)
    rows = []
    for source_id, title, kind in data.sources:
        items = [item for item in data.items if item[1] == source_id]
        now, before, gaps = [], [], []
        for item_id, _, number, item_kind in items:
            actions = [by_id[a] for a in answering[item_id] if a in by_id]
            evidenced = data.impacts.get(item_id)
            closed_now = evidenced is not None and evidenced <= last
            now.append(roll_up([a.rag for a in actions], impact_evidenced=closed_now).standing)
            earlier = [previous_rag(a.id) for a in actions if a.id in before_in]
            closed_before = evidenced is not None and evidenced <= previous
            before.append(roll_up(earlier, impact_evidenced=closed_before).standing)
            if is_gap([a.rag for a in actions], [a.overdue for a in actions], closed=closed_now):
                gaps.append(f"{item_kind} {number}")
        rows.append(
            LearningRow(
                source=title,
                kind=kind,
                items=len(items),
                counts=tuple(now.count(standing) for standing in STANDINGS),
                previous=tuple(before.count(standing) for standing in STANDINGS),
                gaps=tuple(gaps),
            )
        )
    return tuple(rows)
