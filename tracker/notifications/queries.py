"""What the pages show of notifications: the log of notices, and one person's choices."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from tracker.core.roles import Role
from tracker.core.tables import Notice, NoticeChoice
from tracker.notifications.rules import KINDS_FOR, NoticeKind, parse_turned_off
from tracker.notifications.store import MAX_ATTEMPTS, Status

LOG_LENGTH = 100  # the Reminders page shows this many of the latest notices


@dataclass(frozen=True)
class LoggedNotice:
    recipient: str
    kind: NoticeKind
    subject: str
    status: Status
    attempts: int
    error: str | None
    created_at: datetime
    sent_at: datetime | None

    @property
    def given_up(self) -> bool:
        return self.status is Status.FAILED and self.attempts >= MAX_ATTEMPTS


@dataclass(frozen=True)
class NoticeLog:
    notices: tuple[LoggedNotice, ...]
    total: int


async def notice_log(limit: int = LOG_LENGTH) -> NoticeLog:
    """The latest notices, newest first: two queries at most however many there are."""
    rows = (
        await Notice.select(*Notice.all_columns(exclude=[Notice.body, Notice.key]))
        .order_by(Notice.id, ascending=False)
        .limit(limit)
    )
    total = len(rows) if len(rows) < limit else await Notice.count()
    return NoticeLog(
        tuple(
            LoggedNotice(
                recipient=row["recipient"],
                kind=NoticeKind(row["kind"]),
                subject=row["subject"],
                status=Status(row["status"]),
                attempts=row["attempts"],
                error=row["error"],
                created_at=row["created_at"],
                sent_at=row["sent_at"],
            )
            for row in rows
        ),
        total,
    )


@dataclass(frozen=True)
class Choice:
    kind: NoticeKind
    on: bool


async def choices_of(account_id: int, role: Role) -> tuple[Choice, ...]:
    """The kinds of notice `role` can get, each on unless the person turned it off."""
    row = (
        await NoticeChoice.select(NoticeChoice.turned_off)
        .where(NoticeChoice.account == account_id)
        .first()
    )
    turned_off = parse_turned_off(row["turned_off"]) if row else frozenset()
    return tuple(Choice(kind, kind.value not in turned_off) for kind in KINDS_FOR[role])
