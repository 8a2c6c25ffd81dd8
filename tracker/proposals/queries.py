"""Reading a plan's proposals for a quarter, for its return page."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from tracker.core.dates import Quarter
from tracker.core.tables import Plan, Proposal
from tracker.proposals.rules import FIELD_LABELS, ProposalKind, ProposalStatus


@dataclass(frozen=True)
class ProposalView:
    id: int
    kind: ProposalKind
    ref: str
    field: str
    before: str | None
    after: str | None
    details: dict[str, Any]
    status: ProposalStatus
    decided_by: str | None
    decided_at: datetime | None

    @property
    def field_label(self) -> str:
        return FIELD_LABELS.get(self.field, self.field)

    @property
    def waiting(self) -> bool:
        return self.status is ProposalStatus.PROPOSED


def _details(value: Any) -> dict[str, Any]:
    if isinstance(value, str):
        return json.loads(value or "{}")
    return dict(value or {})


async def proposals_for(plan_id: int, quarter: Quarter) -> list[ProposalView]:
    """The plan's proposals for the quarter: those waiting first, then in the file's order."""
    rows = (
        await Proposal.select()
        .where((Proposal.plan == plan_id) & (Proposal.quarter == quarter.slug))
        .order_by(Proposal.id)
    )
    found = [
        ProposalView(
            id=row["id"],
            kind=ProposalKind(row["kind"]),
            ref=row["ref"],
            field=row["field"],
            before=row["before"],
            after=row["after"],
            details=_details(row["details"]),
            status=ProposalStatus(row["status"]),
            decided_by=row["decided_by"],
            decided_at=row["decided_at"],
        )
        for row in rows
    ]
    return sorted(found, key=lambda proposal: not proposal.waiting)


@dataclass(frozen=True)
class MadeByImport:
    """Proposals an import made for one plan's return, and how many still wait."""

    plan_id: int
    plan: str
    quarter: Quarter
    made: int
    waiting: int


async def made_by_import(import_id: int) -> list[MadeByImport]:
    """Each plan's return the import proposed changes to, with how many still wait."""
    rows = await Proposal.select(Proposal.plan, Proposal.quarter, Proposal.status).where(
        Proposal.import_record == import_id
    )
    if not rows:
        return []
    names = {
        plan["id"]: plan["name"]
        for plan in await Plan.select(Plan.id, Plan.name).where(
            Plan.id.is_in(sorted({row["plan"] for row in rows}))
        )
    }
    made: dict[tuple[int, str], list[str]] = {}
    for row in rows:
        made.setdefault((row["plan"], row["quarter"]), []).append(row["status"])
    return [
        MadeByImport(
            plan_id,
            names.get(plan_id, "a plan no longer there"),
            Quarter.parse(quarter),
            len(statuses),
            statuses.count(ProposalStatus.PROPOSED.value),
        )
        for (plan_id, quarter), statuses in sorted(made.items())
    ]
