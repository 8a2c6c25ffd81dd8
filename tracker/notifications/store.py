"""Notices claimed, marked sent or failed, and each person's choice of notices: one
transaction each.

A notice is claimed before it is sent: its row is inserted under a unique key
("<event id>:<recipient>"), so however many dispatchers run at once, only one
claims it. A failed notice is claimed again for a retry by moving it from
"failed" to "sending" only if it is still "failed": again only one dispatcher can.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Iterable
from datetime import datetime
from enum import StrEnum

from asyncpg.exceptions import UniqueViolationError

from tracker.core import clock
from tracker.core.roles import Role
from tracker.core.tables import Notice, NoticeChoice
from tracker.core.transactions import write_transaction
from tracker.notifications.rules import Notice as NewNotice
from tracker.notifications.rules import turned_off_kinds

MAX_ATTEMPTS = 5  # a notice the server refused this often stays failed, shown on the page
NO_SMTP = "no SMTP server set"
_TAKEN = (sqlite3.IntegrityError, UniqueViolationError)


class Status(StrEnum):
    SENDING = "sending"  # claimed; stays so if the sender stopped midway (never sent twice)
    SENT = "sent"
    FAILED = "failed"  # tried again until MAX_ATTEMPTS
    NOT_SENT = "not-sent"  # no SMTP server was set: recorded, never sent later


def _db():
    return Notice._meta.db


async def claim(notice: NewNotice, *, emailed: bool) -> int | None:
    """The claimed notice's id; None when another dispatcher has it already.

    Without an SMTP server the notice is recorded as not sent, and nothing more happens to it.
    """
    now = clock.now()
    try:
        async with write_transaction(_db()):
            if await Notice.exists().where(Notice.key == notice.key):
                return None
            [row] = await Notice.insert(
                Notice(
                    key=notice.key,
                    event=notice.event_id,
                    kind=notice.kind.value,
                    recipient=notice.recipient,
                    subject=notice.subject,
                    body=notice.body,
                    status=(Status.SENDING if emailed else Status.NOT_SENT).value,
                    attempts=0,
                    error=None if emailed else NO_SMTP,
                    created_at=now,
                    tried_at=now if emailed else None,
                )
            ).returning(Notice.id)
    except _TAKEN:  # a dispatcher at the same moment got there first
        return None
    return int(row["id"])


async def failed_notices(tried_before: datetime) -> list[dict]:
    """The notices to try again (last tried before `tried_before`), oldest first."""
    return await (
        Notice.select(Notice.id, Notice.recipient, Notice.subject, Notice.body)
        .where(
            (Notice.status == Status.FAILED.value)
            & (Notice.attempts < MAX_ATTEMPTS)
            & (Notice.tried_at <= tried_before)
        )
        .order_by(Notice.id)
    )


async def claim_retry(notice_id: int) -> bool:
    async with write_transaction(_db()):
        claimed = (
            await Notice.update({Notice.status: Status.SENDING.value, Notice.tried_at: clock.now()})
            .where((Notice.id == notice_id) & (Notice.status == Status.FAILED.value))
            .returning(Notice.id)
        )
    return bool(claimed)


async def mark_sent(notice_id: int) -> None:
    async with write_transaction(_db()):
        await Notice.update(
            {
                Notice.status: Status.SENT.value,
                Notice.sent_at: clock.now(),
                Notice.attempts: Notice.attempts + 1,
                Notice.error: None,
            }
        ).where(Notice.id == notice_id)


async def mark_failed(notice_id: int, error: str) -> None:
    async with write_transaction(_db()):
        await Notice.update(
            {
                Notice.status: Status.FAILED.value,
                Notice.attempts: Notice.attempts + 1,
                Notice.error: error,
            }
        ).where(Notice.id == notice_id)


async def save_choices(account_id: int, role: Role, ticked: Iterable[str]) -> frozenset[str]:
    """Keep what the Profile form ticked; the kinds turned off."""
    turned_off = turned_off_kinds(ticked, role)
    stored = ",".join(sorted(turned_off))
    async with write_transaction(NoticeChoice._meta.db):
        await NoticeChoice.insert(NoticeChoice(account=account_id, turned_off=stored)).on_conflict(
            target=NoticeChoice.account, action="DO UPDATE", values=[NoticeChoice.turned_off]
        )
    return turned_off


def _loosely(original: str) -> re.Pattern[str]:
    """`original` however the e-mail's wrapping split it across lines."""
    return re.compile(r"\s+".join(re.escape(part) for part in original.split()))


async def redact_copies(swaps: dict[str, str]) -> int:
    """A redaction reaches the copies notices keep of what they e-mailed: how many changed.

    Called inside the redaction's transaction (tracker.redaction.review).
    """
    # Longest first, so an identifier inside a longer one is not half replaced.
    patterns = [
        (_loosely(original), swaps[original])
        for original in sorted(swaps, key=len, reverse=True)
        if original.strip()
    ]
    if not patterns:
        return 0
    changed = 0
    for row in await Notice.select(Notice.id, Notice.subject, Notice.body):
        subject, body = row["subject"], row["body"]
        for pattern, swap in patterns:
            subject, body = pattern.sub(swap, subject), pattern.sub(swap, body)
        if (subject, body) != (row["subject"], row["body"]):
            await Notice.update({Notice.subject: subject, Notice.body: body}).where(
                Notice.id == row["id"]
            )
            changed += 1
    return changed
