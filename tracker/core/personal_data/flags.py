"""Recording confirmed flagged text for the business unit. Call inside the write's transaction."""

from __future__ import annotations

from tracker.core import clock
from tracker.core.personal_data.check import FlaggedField
from tracker.core.tables import FlaggedText


async def record_flags(
    flagged: tuple[FlaggedField, ...],
    *,
    record_table: str,
    record_id: int,
    confirmed_by: str,
    action_id: int | None = None,
    subject: str = "",
) -> None:
    """One flag per field of the saved row whose text was confirmed despite the warning.

    `record_table` is the row's table name ("action_update", "challenge", ...)
    and each flagged field's `field` must be the column holding the text.
    """
    if not flagged:
        return
    now = clock.now()
    await FlaggedText.insert(
        *(
            FlaggedText(
                record_table=record_table,
                record_id=record_id,
                field=field.field,
                kinds=field.kinds,
                action_id=action_id,
                subject=subject[:300],
                flagged_at=now,
                confirmed_by=confirmed_by,
            )
            for field in flagged
        )
    )
