"""A reminder run: claim each person's digest, send it, mark it sent. Never a duplicate.

A digest is claimed before it is sent: its row (status "sending") and its
items are written in one transaction, and the unique (recipient, day) and
(recipient, key) indexes let only one run claim them, however many run at
once or again. Sent, it is marked "sent". If the server refuses it, the
claim is taken back so the next run tries again; the others still go.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import date

from asyncpg.exceptions import UniqueViolationError

from tracker.audit.kinds import AuditKind
from tracker.audit.trail import SYSTEM, append
from tracker.core import clock
from tracker.core.dates import format_date
from tracker.core.mail import SEND_ERRORS, Mail, described, send
from tracker.core.settings import SmtpServer
from tracker.core.tables import ReminderDigest, ReminderItem
from tracker.core.transactions import write_transaction
from tracker.reminders.due import due_today
from tracker.reminders.rules import Digest

SENDING, SENT = "sending", "sent"
_TAKEN = (sqlite3.IntegrityError, UniqueViolationError)


@dataclass(frozen=True)
class Outcome:
    recipient: str
    reminders: int
    error: str | None = None


@dataclass(frozen=True)
class RunReport:
    day: date
    sent: tuple[Outcome, ...]
    failed: tuple[Outcome, ...]
    skipped: tuple[str, ...]  # claimed by another run meanwhile
    waiting: tuple[str, ...]  # had today's digest already

    @property
    def reminders_sent(self) -> int:
        return sum(outcome.reminders for outcome in self.sent)


def _db():
    return ReminderDigest._meta.db


async def claim(digest: Digest) -> int | None:
    """The claimed digest's id, or None when this person's digest or a reminder is taken."""
    try:
        async with write_transaction(_db()):
            taken = await ReminderDigest.exists().where(
                (ReminderDigest.recipient == digest.recipient) & (ReminderDigest.day == digest.day)
            ) or await ReminderItem.exists().where(
                (ReminderItem.recipient == digest.recipient)
                & ReminderItem.key.is_in([item.key for item in digest.reminders])
            )
            if taken:
                return None
            [row] = await ReminderDigest.insert(
                ReminderDigest(
                    recipient=digest.recipient,
                    day=digest.day,
                    status=SENDING,
                    subject=digest.subject[:300],
                    body=digest.body,
                    created_at=clock.now(),
                )
            ).returning(ReminderDigest.id)
            await ReminderItem.insert(
                *(
                    ReminderItem(
                        digest=row["id"], recipient=digest.recipient, key=item.key, text=item.text
                    )
                    for item in digest.reminders
                )
            )
    except _TAKEN:  # a run at the same moment got there first
        return None
    return int(row["id"])


async def _mark_sent(digest_id: int) -> None:
    async with write_transaction(_db()):
        await ReminderDigest.update(
            {ReminderDigest.status: SENT, ReminderDigest.sent_at: clock.now()}
        ).where(ReminderDigest.id == digest_id)


async def _release(digest_id: int) -> None:
    """Not sent: forget the claim (its items go with it) so the next run tries again."""
    async with write_transaction(_db()):
        await ReminderDigest.delete().where(
            (ReminderDigest.id == digest_id) & (ReminderDigest.status == SENDING)
        )


async def _record(report: RunReport, actor: str) -> None:
    async with write_transaction(_db()):
        await append(
            AuditKind.REMINDERS_SENT,
            actor,
            subject=f"Reminders for {format_date(report.day)}",
            summary=(
                f"{len(report.sent)} e-mail(s) sent with {report.reminders_sent} reminder(s); "
                f"{len(report.failed)} not sent"
            ),
            after={
                "day": report.day,
                "sent": {outcome.recipient: outcome.reminders for outcome in report.sent},
                "failed": {outcome.recipient: outcome.error for outcome in report.failed},
            },
        )


async def send_reminders(
    today: date, *, server: SmtpServer, sender: str, base_url: str, actor: str = SYSTEM
) -> RunReport:
    due = await due_today(today, base_url)
    sent, failed, skipped = [], [], []
    for digest in due.digests:
        digest_id = await claim(digest)
        if digest_id is None:
            skipped.append(digest.recipient)
            continue
        mail = Mail(sender, digest.recipient, digest.subject, digest.body)
        try:
            await send(server, mail)
        except SEND_ERRORS as error:
            await _release(digest_id)
            failed.append(Outcome(digest.recipient, len(digest.reminders), described(error)))
            continue
        await _mark_sent(digest_id)
        sent.append(Outcome(digest.recipient, len(digest.reminders)))
    report = RunReport(today, tuple(sent), tuple(failed), tuple(skipped), due.waiting)
    if report.sent or report.failed:
        await _record(report, actor)
    return report
