"""Flagged text: the business unit's list, and redacting or clearing one flag.

Thin: the list is tracker.redaction.queries, the writing tracker.redaction.review.
"""

from __future__ import annotations

from litestar import Request, get, post
from litestar.params import FromPath, FromQuery
from litestar.response import Redirect, Template

from tracker.core.refusals import Refusal
from tracker.core.roles import CAN_REVIEW_FLAGGED_TEXT
from tracker.core.web.access import person, roles
from tracker.core.web.forms import client_of, shown
from tracker.core.web.rendering import page
from tracker.redaction.queries import Show, flagged_text, show_from
from tracker.redaction.review import clear_flag, redact_flag

BUSINESS_UNIT = roles(*CAN_REVIEW_FLAGGED_TEXT)
NOTES = {
    "cleared": "The flag is cleared: the text stays as it is.",
    "redacted": "Redacted. The original is no longer kept anywhere in the tracker.",
    "changed": "The text had changed since it was flagged: only what still looks like "
    "personal data was redacted.",
    "nothing": "The text had changed since it was flagged and nothing in it still looks like "
    "personal data, so nothing was replaced. The flag is closed as redacted.",
}


async def _list_page(
    show: Show, *, notice: str | None = None, refusal: str | None = None, status_code: int = 200
) -> Template:
    template = await page(
        "redaction/flagged_text.html",
        found=await flagged_text(show),
        notice=notice,
        refusal=refusal,
    )
    template.status_code = status_code
    return template


@get("/flagged-text", name="flagged_text", guards=[BUSINESS_UNIT])
async def flagged_text_page(
    show: FromQuery[str | None] = None, done: FromQuery[str | None] = None
) -> Template:
    return await _list_page(show_from(show), notice=NOTES.get(done or ""))


async def _list_again(request: Request, refused: Refusal) -> Template:
    """The open flags again, saying why that one was not changed (settled meanwhile)."""
    return await _list_page(Show.OPEN, **shown(refused))


@post(
    "/flagged-text/{flag_id:int}/redact",
    name="redact_flagged_text",
    guards=[BUSINESS_UNIT],
    status_code=200,
    opt={"form": _list_again},
)
async def redact(request: Request, flag_id: FromPath[int]) -> Redirect:
    redaction = await redact_flag(
        flag_id, redacted_by=person(request).email, client=client_of(request)
    )
    done = (
        "nothing"
        if not redaction.replaced
        else "changed"
        if redaction.changed_since
        else "redacted"
    )
    return Redirect(f"/flagged-text?done={done}", status_code=303)


@post(
    "/flagged-text/{flag_id:int}/clear",
    name="clear_flagged_text",
    guards=[BUSINESS_UNIT],
    status_code=200,
    opt={"form": _list_again},
)
async def clear(request: Request, flag_id: FromPath[int]) -> Redirect:
    await clear_flag(flag_id, cleared_by=person(request).email, client=client_of(request))
    return Redirect("/flagged-text?done=cleared", status_code=303)


ROUTES = [flagged_text_page, redact, clear]
