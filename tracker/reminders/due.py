"""The digests a run would send today: the page, `--dry-run` and the run share this.

A person's digest holds only reminders never sent to them. Someone who has
already had today's digest gets nothing more today: their new reminders are
still new tomorrow, and go then.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from tracker.core.tables import ReminderDigest, ReminderItem
from tracker.reminders.recipients import reminders_by_lead
from tracker.reminders.rules import Digest, compose, new_reminders


@dataclass(frozen=True)
class DueToday:
    day: date
    digests: tuple[Digest, ...]
    waiting: tuple[str, ...]  # had today's digest already; their new reminders go tomorrow

    @property
    def reminders(self) -> int:
        return sum(len(digest.reminders) for digest in self.digests)


async def due_today(today: date, base_url: str) -> DueToday:
    concerned = [(lead, items) for lead, items in await reminders_by_lead(today) if items]
    emails = [lead.email for lead, _ in concerned] or [""]
    sent: dict[str, set[str]] = defaultdict(set)
    for row in await ReminderItem.select(ReminderItem.recipient, ReminderItem.key).where(
        ReminderItem.recipient.is_in(emails)
    ):
        sent[row["recipient"]].add(row["key"])
    had_digest = {
        row["recipient"]
        for row in await ReminderDigest.select(ReminderDigest.recipient).where(
            (ReminderDigest.day == today) & ReminderDigest.recipient.is_in(emails)
        )
    }
    digests, waiting = [], []
    for lead, items in concerned:
        fresh = new_reminders(items, sent[lead.email])
        if not fresh:
            continue
        if lead.email in had_digest:
            waiting.append(lead.email)
            continue
        digests.append(compose(lead.email, lead.name, today, fresh, base_url))
    return DueToday(today, tuple(digests), tuple(waiting))
