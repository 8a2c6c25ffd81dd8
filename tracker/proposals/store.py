"""Storing a returned proforma's proposals, and accepting or rejecting one: all or nothing,
audited, decided once."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from typing import Any

from tracker.audit.kinds import AuditKind
from tracker.audit.trail import append
from tracker.core import clock
from tracker.core.closed import refuse_if_closed
from tracker.core.dates import Quarter
from tracker.core.refusals import NotFound
from tracker.core.tables import Account, Action, Objective, Plan, PlanReturn, Proposal, Update
from tracker.core.transactions import write_transaction
from tracker.proposals.rules import (
    NewProposal,
    ProposalDecided,
    ProposalKind,
    ProposalStale,
    ProposalStatus,
    already_decided,
    as_text,
    ref_taken,
    stale_edit,
)

# The action's column for each proposed field; the objective is its own row.
_COLUMNS = {
    "action": "text",
    "input": "input",
    "desired_outcome": "desired_outcome",
    "lead": "lead",
    "timeframe": "timeframe",
}


async def record_proposals(
    plan_id: int,
    quarter: Quarter,
    proposals: tuple[NewProposal, ...],
    *,
    proposed_by: str,
    import_id: int | None,
) -> None:
    """Store an import's proposals, but those the plan already has for the quarter (the same
    file imported again proposes nothing twice). The caller holds the transaction."""
    if not proposals:
        return
    rows = await Proposal.select(Proposal.kind, Proposal.ref, Proposal.field, Proposal.after).where(
        (Proposal.plan == plan_id) & (Proposal.quarter == quarter.slug)
    )
    known = {(row["kind"], row["ref"], row["field"], row["after"]) for row in rows}
    proposals = tuple(p for p in proposals if (p.kind.value, p.ref, p.field, p.after) not in known)
    if not proposals:
        return
    now = clock.now()
    await Proposal.insert(
        *(
            Proposal(
                plan=plan_id,
                quarter=quarter.slug,
                kind=proposal.kind.value,
                ref=proposal.ref,
                field=proposal.field,
                before=proposal.before,
                after=proposal.after,
                details=json.dumps(proposal.details),
                import_record=import_id,
                status=ProposalStatus.PROPOSED.value,
                proposed_by=proposed_by,
                proposed_at=now,
            )
            for proposal in proposals
        )
    )


async def withdraw_import_proposals(import_id: int) -> None:
    """An undone import's proposals still waiting go with it. The caller holds the transaction."""
    await Proposal.delete().where(
        (Proposal.import_record == import_id) & (Proposal.status == ProposalStatus.PROPOSED.value)
    )


@dataclass(frozen=True)
class Decided:
    plan_id: int
    quarter: Quarter
    status: ProposalStatus


def _details(row: dict[str, Any]) -> dict[str, Any]:
    value = row["details"]
    return json.loads(value or "{}") if isinstance(value, str) else dict(value or {})


async def _action(row: dict[str, Any]) -> dict[str, Any] | None:
    return (
        await Action.select()
        .where((Action.plan == row["plan"]) & (Action.ref == row["ref"]))
        .first()
    )


async def _accept_edit(row: dict[str, Any]) -> int:
    action = await _action(row)
    if action is None:
        raise ProposalStale(stale_edit(row["ref"], row["field"]))
    if row["field"] == "objective":
        objective = (
            await Objective.select(Objective.text)
            .where(Objective.id == action["objective"])
            .first()
        )
        if objective is None or as_text(objective["text"]) != row["before"]:
            raise ProposalStale(stale_edit(row["ref"], row["field"]))
        await Objective.update({Objective.text: row["after"] or ""}).where(
            Objective.id == action["objective"]
        )
    else:
        column = _COLUMNS[row["field"]]
        if as_text(action[column]) != row["before"]:
            raise ProposalStale(stale_edit(row["ref"], row["field"]))
        after = row["after"] or "" if column == "text" else row["after"]  # an action has text
        values: dict[Any, Any] = {Action._meta.get_column_by_name(column): after}
        if row["field"] == "timeframe":
            details = _details(row)
            due = details.get("due")
            values[Action.due] = date.fromisoformat(due) if due else None
            values[Action.recurring] = details.get("recurring")
        await Action.update({**values, Action.version: Action.version + 1}).where(
            Action.id == action["id"]
        )
    return int(action["id"])


async def _objective_id(plan_id: int, ref: str, text: str) -> int:
    found = (
        await Objective.select(Objective.id)
        .where((Objective.plan == plan_id) & (Objective.ref == ref))
        .first()
    )
    if found:
        return int(found["id"])
    count = await Objective.count().where(Objective.plan == plan_id)
    created = await Objective.insert(
        Objective(plan=plan_id, ref=ref, text=text, position=count)
    ).returning(Objective.id)
    return int(created[0]["id"])


async def _accept_new(row: dict[str, Any], decided_by: str) -> int:
    if await _action(row) is not None:
        raise ProposalStale(ref_taken(row["ref"]))
    details = _details(row)
    plan_id = row["plan"]
    objective_id = await _objective_id(
        plan_id, details.get("objective_ref") or "", details.get("objective") or ""
    )
    position = await Action.count().where(Action.plan == plan_id)
    due = details.get("due")
    dated = await _dated(plan_id, Quarter.parse(row["quarter"]))
    created = await Action.insert(
        Action(
            plan=plan_id,
            objective=objective_id,
            ref=row["ref"],
            position=position,
            text=details.get("action") or "",
            input=details.get("input"),
            desired_outcome=details.get("desired_outcome"),
            lead=details.get("lead"),
            timeframe=details.get("timeframe"),
            due=date.fromisoformat(due) if due else None,
            recurring=details.get("recurring"),
            created_at=clock.now(),
            added_on=dated,
        )
    ).returning(Action.id)
    action_id = int(created[0]["id"])
    if any(details.get(name) for name in ("rag", "progress", "impact")):
        await Update.insert(
            Update(
                action=action_id,
                rag=details.get("rag"),
                progress=details.get("progress"),
                impact=details.get("impact"),
                as_at=dated,
                recorded_at=clock.now(),
                recorded_by=decided_by,
                source="import",
                import_record=row["import_record"],
            )
        )
    return action_id


async def _dated(plan_id: int, quarter: Quarter) -> date:
    """The quarter's last day, or the first day after any accepted quarter that follows."""
    rows = await PlanReturn.select(PlanReturn.quarter).where(
        (PlanReturn.plan == plan_id) & (PlanReturn.state == "accepted")
    )
    accepted = {Quarter.parse(row["quarter"]) for row in rows}
    day = quarter.last_day
    while Quarter.of(day) in accepted:
        day = Quarter.of(day).next().first_day
    return day


async def _decided_already(row: dict[str, Any]) -> ProposalDecided:
    """Who decided first, by name where they have one."""
    who = row["decided_by"]
    account = (
        await Account.select(Account.name).where(Account.email == who).first() if who else None
    )
    name = account["name"] if account and account["name"] else who
    return ProposalDecided(already_decided(ProposalStatus(row["status"]), name, row["decided_at"]))


async def decide(proposal_id: int, *, accept: bool, decided_by: str, client: str = "") -> Decided:
    """Accept or reject one proposal. Refused, with nothing changed, when it was already
    decided (ProposalDecided) or the plan moved on since it was made (ProposalStale)."""
    status = ProposalStatus.ACCEPTED if accept else ProposalStatus.REJECTED
    async with write_transaction(Proposal._meta.db):
        row = await Proposal.select().where(Proposal.id == proposal_id).first()
        if row is None:
            raise NotFound("There is no such proposal.")
        await refuse_if_closed(plan_id=row["plan"])
        if row["status"] != ProposalStatus.PROPOSED.value:
            raise await _decided_already(row)
        now = clock.now()
        claimed = (
            await Proposal.update(
                {
                    Proposal.status: status.value,
                    Proposal.decided_by: decided_by,
                    Proposal.decided_at: now,
                }
            )
            .where(
                (Proposal.id == proposal_id) & (Proposal.status == ProposalStatus.PROPOSED.value)
            )
            .returning(Proposal.id)
        )
        if not claimed:  # another decision got there between the read and the write
            fresh = await Proposal.select().where(Proposal.id == proposal_id).first() or row
            raise await _decided_already(fresh)
        action_id = None
        if accept and row["kind"] == ProposalKind.EDIT.value:
            action_id = await _accept_edit(row)
        elif accept:
            action_id = await _accept_new(row, decided_by)
        plan = await Plan.select(Plan.name).where(Plan.id == row["plan"]).first()
        what = (
            f"new action {row['ref']}"
            if row["kind"] == ProposalKind.NEW.value
            else f"{row['field']} of action {row['ref']}"
        )
        await append(
            AuditKind.PROPOSAL_ACCEPTED if accept else AuditKind.PROPOSAL_REJECTED,
            decided_by,
            subject=f"{Quarter.parse(row['quarter']).label} return, {plan['name'] if plan else ''}",
            summary=f"Proposed {what}: {status.value}",
            action_id=action_id,
            before={"proposal": proposal_id, "status": row["status"], "value": row["before"]},
            after={"proposal": proposal_id, "status": status.value, "value": row["after"]},
            client=client,
        )
    return Decided(row["plan"], Quarter.parse(row["quarter"]), status)
