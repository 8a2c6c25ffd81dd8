"""The log of reminder e-mails, newest first: two queries however long it is."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime

from tracker.core.tables import ReminderDigest, ReminderItem
from tracker.reminders.rules import path_for

LOG_LENGTH = 100  # the page shows this many of the latest e-mails


@dataclass(frozen=True)
class LoggedItem:
    text: str
    path: str | None


@dataclass(frozen=True)
class LoggedDigest:
    id: int
    recipient: str
    day: date
    subject: str
    status: str  # sent; sending while a run is sending it, or if that run stopped midway
    created_at: datetime
    sent_at: datetime | None
    items: tuple[LoggedItem, ...]


@dataclass(frozen=True)
class ReminderLog:
    digests: tuple[LoggedDigest, ...]
    total: int


async def reminder_log(limit: int = LOG_LENGTH) -> ReminderLog:
    rows = (
        await ReminderDigest.select(*ReminderDigest.all_columns(exclude=[ReminderDigest.body]))
        .order_by(ReminderDigest.day, ascending=False)
        .order_by(ReminderDigest.id, ascending=False)
        .limit(limit)
    )
    items: dict[int, list[LoggedItem]] = defaultdict(list)
    if rows:
        for row in await (
            ReminderItem.select(ReminderItem.digest, ReminderItem.key, ReminderItem.text)
            .where(ReminderItem.digest.is_in([row["id"] for row in rows]))
            .order_by(ReminderItem.id)
        ):
            items[row["digest"]].append(LoggedItem(row["text"], path_for(row["key"])))
    total = len(rows) if len(rows) < limit else await ReminderDigest.count()
    return ReminderLog(
        tuple(
            LoggedDigest(
                id=row["id"],
                recipient=row["recipient"],
                day=row["day"],
                subject=row["subject"],
                status=row["status"],
                created_at=row["created_at"],
                sent_at=row["sent_at"],
                items=tuple(items[row["id"]]),
            )
            for row in rows
        ),
        total,
    )
