"""Telling people of changes by e-mail, after the change is written. Never the same notice twice.

The design: the writes that people should hear of (a challenge raised or
answered; a return submitted, sent back or accepted; a deadline set) already
append an audit event in their own transaction, with what happened in its
`after`. A dispatch reads the recent events of those kinds, works out who is
told of each (tracker.notifications.rules: the action's leads, the chair who
asked, the chairs, the plan's leads), drops the kinds each person turned off
on their profile, and for each (event, recipient):

1. claims a notice row under the unique key "<event id>:<recipient>" in a
   transaction (tracker.notifications.store): of two dispatchers at once, one
   claims it, the other skips it;
2. sends it through SMTP_URL's server, outside any transaction;
3. marks it sent, or failed with the server's reason (logged). A failed
   notice is claimed again ("failed" to "sending", only if still "failed") and
   retried by later dispatches, up to MAX_ATTEMPTS.

So no feature's write code knows about e-mail: a failed or slow send can
never undo or hold up a write. Dispatches run after each write's response has
gone (tracker.notifications.background), every few minutes in the app (to
retry), and from `tracker notifications send`. Events are looked at for a day
(LOOK_BACK) after they happen: long enough to ride out a stopped server,
short enough that a fresh database does not e-mail its whole history.
Without SMTP_URL, each notice is recorded as not sent ("no SMTP server set").
"""

from __future__ import annotations

import logging
from collections.abc import Collection
from dataclasses import dataclass, field
from datetime import timedelta

from tracker.core import clock
from tracker.core.mail import SEND_ERRORS, Mail, described, send
from tracker.core.settings import SmtpServer
from tracker.core.tables import Notice
from tracker.notifications.events import events_from, people, recent_events
from tracker.notifications.rules import notices_for
from tracker.notifications.store import (
    claim,
    claim_retry,
    failed_notices,
    mark_failed,
    mark_sent,
)

logger = logging.getLogger("tracker")
LOOK_BACK = timedelta(days=1)
# A refused notice waits this long before the app tries it again, so a mail server down for
# a few minutes of busy writing does not use up its attempts; the command retries at once.
RETRY_AFTER = timedelta(minutes=1)


@dataclass
class Dispatched:
    """What one dispatch did, by notice key (retries by recipient)."""

    sent: list[str] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)
    not_sent: list[str] = field(default_factory=list)
    events: set[int] = field(default_factory=set)  # every event it worked through
    tried: set[int] = field(default_factory=set)  # notice ids: each is tried once per dispatch


async def _deliver(
    notice_id: int, mail: Mail, server: SmtpServer, done: Dispatched, label: str
) -> None:
    done.tried.add(notice_id)
    try:
        await send(server, mail)
    except SEND_ERRORS as error:
        why = described(error)
        await mark_failed(notice_id, why)
        logger.warning("Notice %s to %s not sent: %s", notice_id, mail.recipient, why)
        done.failed.append((label, why))
        return
    await mark_sent(notice_id)
    done.sent.append(label)


async def dispatch(
    *,
    server: SmtpServer | None,
    sender: str,
    base_url: str,
    skip_events: Collection[int] = (),
    retry_after: timedelta = RETRY_AFTER,
) -> Dispatched:
    """Send every notice not yet claimed, then retry the failed ones.

    `skip_events`: events a previous dispatch in this process worked through already.
    """
    done = Dispatched()
    rows = await recent_events(clock.now() - LOOK_BACK, skip_events)
    if rows:
        events = await events_from(rows)
        known = await people()
        claimed = {
            row["key"]
            for row in await Notice.select(Notice.key).where(
                Notice.event.is_in([row["id"] for row in rows])
            )
        }
        for event in events:
            for notice in notices_for(event, known.active, known.names, known.turned_off, base_url):
                if notice.key in claimed:
                    continue
                notice_id = await claim(notice, emailed=server is not None)
                if notice_id is None:
                    continue
                if server is None:
                    done.not_sent.append(notice.key)
                    continue
                mail = Mail(sender, notice.recipient, notice.subject, notice.body)
                await _deliver(notice_id, mail, server, done, notice.key)
        done.events = {row["id"] for row in rows}
    if server is not None:
        for row in await failed_notices(clock.now() - retry_after):
            if row["id"] not in done.tried and await claim_retry(row["id"]):
                mail = Mail(sender, row["recipient"], row["subject"], row["body"])
                await _deliver(row["id"], mail, server, done, f"retry {row['id']}")
    return done
