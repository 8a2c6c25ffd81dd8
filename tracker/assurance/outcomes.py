"""Recording whether a complete action's desired outcome is evidenced: audited, all or nothing."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from tracker.assurance.errors import NotComplete, Withdrawn
from tracker.assurance.ratings import locked_action, must_assure, subject
from tracker.assurance.rules import (
    COMPLETE,
    Evidenced,
    OutcomeForm,
    check_outcome,
    withdrawn_outcome_refusal,
)
from tracker.audit.kinds import AuditKind
from tracker.audit.trail import append
from tracker.core import clock
from tracker.core.people import Person
from tracker.core.personal_data.check import guard
from tracker.core.personal_data.flags import record_flags
from tracker.core.rag import rag_label
from tracker.core.refusals import InvalidInput
from tracker.core.tables import OutcomeEvidence
from tracker.core.transactions import write_transaction

RECORD_TABLE = "outcome_evidence"


@dataclass(frozen=True)
class Recorded:
    evidenced: Evidenced
    replaced: bool


def _outcome(row: dict | None) -> dict[str, str | None]:
    if row is None:
        return {}
    return {"evidenced": row["evidenced"], "note": row["note"]}


async def record_outcome(
    action_id: int,
    form: OutcomeForm,
    *,
    person: Person,
    confirmed: bool = False,
    today: date | None = None,
    client: str = "",
) -> Recorded:
    """Record (or change) the outcome evidence of a complete action.

    Withdrawn when the action is withdrawn as at today; NotComplete when its latest RAG
    is not Complete; InvalidInput for
    a form that cannot be saved; PossiblePersonalData for an unconfirmed note
    that looks like it identifies someone.
    """
    today = today or clock.today()
    must_assure(person)
    async with write_transaction(OutcomeEvidence._meta.db):
        state = await locked_action(action_id, today)
        if state.withdrawn and state.withdrawn_on is not None:
            raise Withdrawn(withdrawn_outcome_refusal(state.ref, state.withdrawn_on))
        if state.rag != COMPLETE:
            raise NotComplete(
                f"Action {state.ref} is not complete (its rating is {rag_label(state.rag)}): "
                "outcome evidence is recorded once the action is complete."
            )
        check = check_outcome(form)
        if check.outcome is None:
            raise InvalidInput(check.problems)
        outcome = check.outcome
        flagged = guard({"note": ("Note", outcome.note)}, confirmed=confirmed)
        before = await OutcomeEvidence.select().where(OutcomeEvidence.action == action_id).first()
        set_at = clock.now()
        if before is None:
            [row] = await OutcomeEvidence.insert(
                OutcomeEvidence(
                    action=action_id,
                    evidenced=outcome.evidenced.value,
                    note=outcome.note,
                    set_by=person.email,
                    set_at=set_at,
                )
            ).returning(OutcomeEvidence.id)
            record_id = row["id"]
        else:
            record_id = before["id"]
            await OutcomeEvidence.update(
                {
                    OutcomeEvidence.evidenced: outcome.evidenced.value,
                    OutcomeEvidence.note: outcome.note,
                    OutcomeEvidence.set_by: person.email,
                    OutcomeEvidence.set_at: set_at,
                }
            ).where(OutcomeEvidence.id == record_id)
        await append(
            AuditKind.OUTCOME_RECORDED,
            person.email,
            subject=subject(state),
            action_id=action_id,
            summary=f"Desired outcome evidenced: {outcome.evidenced.label}",
            before=_outcome(before),
            after={"evidenced": outcome.evidenced.value, "note": outcome.note},
            client=client,
        )
        await record_flags(
            flagged,
            record_table=RECORD_TABLE,
            record_id=record_id,
            confirmed_by=person.email,
            action_id=action_id,
            subject=subject(state),
        )
    return Recorded(outcome.evidenced, replaced=before is not None)
