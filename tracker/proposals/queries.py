"""Reading a plan's proposals for a quarter, for its return page."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from tracker.core.dates import Quarter
from tracker.core.tables import Proposal
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
