"""The digests a run would send today: the page, `--dry-run` and the run share this.

A person's digest holds only reminders never sent to them. Someone who has
already had today's digest gets nothing more today: their new reminders are
still new tomorrow, and go then.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from typing import Any

from tracker.core.kept_counts import keep, kept, seen_now
from tracker.core.tables import ReminderDigest, ReminderItem
from tracker.reminders.recipients import reminders_by_lead
from tracker.reminders.rules import Digest, Reminder, ReminderKind, compose, new_reminders


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


DUE_TODAY = "reminders due"  # tracker.core.kept_counts' kind: the page's list, kept


async def due_today_kept(today: date, base_url: str) -> DueToday:
    """due_today, kept between views of the reminders page (tracker.core.kept_counts):
    working it out reads every action due and every lead (40 ms at 20,000 actions). Any
    change to what it reads ends it (migrations 0028 to 0030): actions, updates, plans,
    strategies, leads' accounts, agencies and titles, returns, deadlines and reminders
    sent. A run sending them (tracker.reminders.run) always works them out afresh."""
    found = await kept(DUE_TODAY, None, [today], view=True)
    if today in found:
        return _due_from(today, found[today], base_url)
    seen = await seen_now()  # what the queries below see, at least
    due = await due_today(today, base_url)
    await keep(DUE_TODAY, None, {today: (_kept_form(due), seen)})
    return due


def _kept_form(due: DueToday) -> dict[str, Any]:
    return {
        "digests": [
            [
                digest.recipient,
                digest.name,
                digest.subject,
                [[r.key, r.kind.value, r.text, r.path, *r.order] for r in digest.reminders],
            ]
            for digest in due.digests
        ],
        "waiting": list(due.waiting),
    }


def _due_from(today: date, kept_form: dict[str, Any], base_url: str) -> DueToday:
    digests = tuple(
        Digest(
            recipient=recipient,
            name=name,
            day=today,
            reminders=tuple(
                Reminder(key, ReminderKind(kind), text, path, (first, second))
                for key, kind, text, path, first, second in reminders
            ),
            subject=subject,
            base_url=base_url,
        )
        for recipient, name, subject, reminders in kept_form["digests"]
    )
    return DueToday(today, digests, tuple(kept_form["waiting"]))
