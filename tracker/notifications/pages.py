"""Choosing which notices you get: a section of the Profile page and the form's handler."""

from __future__ import annotations

from litestar import Request, post
from litestar.response import Redirect

from tracker.accounts.profile import ProfileSection
from tracker.core.web.access import person
from tracker.notifications.queries import choices_of
from tracker.notifications.store import save_choices


async def profile_section(request: Request) -> ProfileSection | None:
    """The Profile page's "E-mails you get" section; none for a role that gets no e-mails."""
    me = person(request)
    choices = await choices_of(me.id, me.role)
    if not choices:
        return None
    return ProfileSection(
        "notifications/_choices.html",
        {
            "choices": choices,
            "saved": request.query_params.get("notices") == "saved",
            "emailed": request.app.state.smtp is not None,
        },
    )


@post("/profile/notifications", name="notice_choices", status_code=303)
async def save_notice_choices(request: Request) -> Redirect:
    me = person(request)
    sent = await request.form()
    await save_choices(me.id, me.role, [str(value) for value in sent.getall("kinds", [])])
    return Redirect("/profile?notices=saved#notifications", status_code=303)


ROUTES = [save_notice_choices]
