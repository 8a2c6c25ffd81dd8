"""The reminders page: what a run would send today, the log of reminder e-mails sent, and the
notices of changes (tracker.notifications). Read-only.

"Due today" is worked out live by the same code as `tracker reminders send --dry-run`.
"""

from __future__ import annotations

from litestar import Request, get
from litestar.response import Template

from tracker.core import clock
from tracker.core.roles import CAN_SEE_REMINDERS
from tracker.core.web.access import roles
from tracker.core.web.rendering import page
from tracker.notifications.queries import notice_log
from tracker.notifications.store import MAX_ATTEMPTS
from tracker.reminders.due import due_today
from tracker.reminders.queries import reminder_log

GUARD = [roles(*CAN_SEE_REMINDERS)]


@get("/reminders", name="reminders", guards=GUARD)
async def reminders_page(request: Request) -> Template:
    state = request.app.state
    return await page(
        "reminders/reminders.html",
        due=await due_today(clock.today(), state.base_url),
        log=await reminder_log(),
        notices=await notice_log(),
        max_attempts=MAX_ATTEMPTS,
        emailed=state.reminders_emailed,
    )
