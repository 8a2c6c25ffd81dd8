"""How many challenges and escalations are open: for the chairs' navigation and headings."""

from __future__ import annotations

from tracker.core.tables import Challenge, Escalation


async def open_counts() -> tuple[int, int]:
    """(open challenges, open escalations): two count queries, whatever the numbers."""
    challenges = await Challenge.count().where(Challenge.closed_at.is_null())
    escalations = await Escalation.count().where(Escalation.resolved_at.is_null())
    return challenges, escalations
