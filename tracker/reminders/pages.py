"""The reminders page: what a run would send today, the log of reminder e-mails sent, and the
notices of changes (tracker.notifications). Read-only.

"Due today" is worked out live by the same code as `tracker reminders send --dry-run`.
"""

from __future__ import annotations

from litestar import Request, get
from litestar.params import FromQuery
from litestar.response import Template

from tracker.core import clock
from tracker.core.refusals import NotFound
from tracker.core.roles import CAN_SEE_REMINDERS
from tracker.core.web.access import roles
from tracker.core.web.rendering import page
from tracker.notifications.queries import notice_log
from tracker.notifications.store import MAX_ATTEMPTS
from tracker.reminders.due import due_today_kept
from tracker.reminders.queries import reminder_log

GUARD = [roles(*CAN_SEE_REMINDERS)]


SHOWN = 20  # of each kind of a person's reminders listed on the page: all are in the e-mail


@get("/reminders", name="reminders", guards=GUARD)
async def reminders_page(request: Request) -> Template:
    state = request.app.state
    return await page(
        "reminders/reminders.html",
        due=await due_today_kept(clock.today(), state.base_url),
        log=await reminder_log(),
        notices=await notice_log(),
        max_attempts=MAX_ATTEMPTS,
        emailed=state.reminders_emailed,
        shown=SHOWN,
    )


@get("/reminders/e-mail", name="reminder_email", guards=GUARD)
async def reminder_email(request: Request, to: FromQuery[str] = "") -> Template:
    """The e-mail due today to one person, as a run would send it: to copy and send by hand."""
    due = await due_today_kept(clock.today(), request.app.state.base_url)
    digest = next((found for found in due.digests if found.recipient == to), None)
    if digest is None:
        raise NotFound(f"No reminder e-mail is due today to {to or 'nobody named'}.")
    return await page("reminders/email.html", digest=digest, day=due.day)
