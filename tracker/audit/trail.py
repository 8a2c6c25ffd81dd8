"""Appending to the audit trail. There is deliberately nothing here to change or remove an entry.

Call `append` inside the transaction of the change it records, so the change
and its entry are written together or not at all.
"""

from __future__ import annotations

import json
from datetime import date, datetime
from typing import Any

from tracker.audit.kinds import AuditKind
from tracker.core import clock
from tracker.core.tables import AuditEvent

SYSTEM = "system"  # the actor for commands run at the server without an account


def _plain(value: Any) -> Any:
    """JSON-safe: dates as ISO text, everything else as given."""
    if isinstance(value, date | datetime):
        return value.isoformat()
    if isinstance(value, dict):
        return {str(key): _plain(item) for key, item in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        return [_plain(item) for item in value]
    return value


async def append(
    kind: AuditKind,
    actor: str,
    *,
    subject: str = "",
    summary: str = "",
    action_id: int | None = None,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
    client: str = "",
) -> None:
    await AuditEvent.insert(
        AuditEvent(
            occurred_at=clock.now(),
            actor=(actor or SYSTEM)[:254],  # an email at most: never more is stored
            kind=kind.value,
            subject=subject[:300],
            action_id=action_id,
            summary=summary,
            before=json.dumps(_plain(before or {}), sort_keys=True),
            after=json.dumps(_plain(after or {}), sort_keys=True),
            client=client[:100],
        )
    )
