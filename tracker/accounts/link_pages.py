"""Pages anyone may open without signing in: asking for a reset link, and using a link.

Under /sign-in/, so they are public (tracker.core.web.access.PUBLIC_PATHS).
Opening a link only shows the form: an e-mail scanner that follows links
uses nothing up; posting the form does.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated
from urllib.parse import urlencode

from litestar import Request, get, post
from litestar.background_tasks import BackgroundTask
from litestar.enums import RequestEncodingType
from litestar.params import Body, FromPath
from litestar.response import Redirect, Template

from tracker.accounts.forgotten import ask_for_reset
from tracker.accounts.password_links import LinkPurpose, use_link, working_link
from tracker.accounts.password_mail import link_mail, send_link_mail
from tracker.accounts.passwords import MIN_LENGTH
from tracker.core.refusals import InvalidInput, Refusal
from tracker.core.web.forms import client_of, submitted
from tracker.core.web.rendering import page


@dataclass
class ForgottenForm:
    email: str = ""


@dataclass
class NewPasswordForm:
    password: str = ""
    confirm: str = ""


@get("/sign-in/forgotten", name="forgotten_password_form")
async def forgotten_form(request: Request) -> Template:
    return await page(
        "accounts/forgotten.html", form=ForgottenForm(), emailing=request.app.state.smtp is not None
    )


@post("/sign-in/forgotten", name="forgotten_password", status_code=200)
async def forgotten(
    request: Request,
    data: Annotated[ForgottenForm, Body(media_type=RequestEncodingType.URL_ENCODED)],
) -> Template:
    asked = await ask_for_reset(data.email, client=client_of(request))
    if asked.retry_after is not None:
        minutes = max(1, round(asked.retry_after.total_seconds() / 60))
        shown = await page(
            "accounts/forgotten.html",
            form=data,
            emailing=request.app.state.smtp is not None,
            throttled=f"Too many requests from here. Try again in {minutes} "
            f"minute{'s' if minutes != 1 else ''}.",
        )
        shown.status_code = 429
        return shown
    shown = await page("accounts/forgotten_sent.html", email=data.email.strip())
    server = request.app.state.smtp
    if asked.token is not None and asked.expires_at is not None and server is not None:
        mail = link_mail(
            sender=request.app.state.mail_from,
            email=asked.email,
            name=asked.name,
            purpose=LinkPurpose.RESET,
            token=asked.token,
            expires_at=asked.expires_at,
            base_url=request.app.state.base_url,
        )
        # After the answer, so a known address takes no longer to answer than an unknown one.
        shown.background = BackgroundTask(send_link_mail, server, mail, by=asked.email)
    return shown


async def _link_page(token: str, form: NewPasswordForm, **context: object) -> Template:
    link = await working_link(token)
    return await page(
        "accounts/set_password.html",
        link=link,
        token=token,
        form=form,
        min_length=MIN_LENGTH,
        invited=link.purpose is LinkPurpose.INVITE,
        **context,
    )


async def _link_again(request: Request, refused: Refusal) -> Template:
    if isinstance(refused, InvalidInput):
        shown = await _link_page(
            request.path_params["token"], NewPasswordForm(), problems=refused.problems
        )
    else:
        shown = await page("accounts/link_unusable.html", refusal=str(refused))
    shown.status_code = 400 if isinstance(refused, InvalidInput) else refused.status_code
    return shown


@get("/sign-in/password/{token:str}", name="password_link", opt={"form": _link_again})
async def password_link(token: FromPath[str]) -> Template:
    return await _link_page(token, NewPasswordForm())


@post("/sign-in/password/{token:str}", name="password_link_set", opt={"form": _link_again})
async def password_link_set(request: Request, token: FromPath[str]) -> Redirect:
    form = await submitted(request, NewPasswordForm)
    if form.password != form.confirm:
        raise InvalidInput({"confirm": "The two passwords are not the same: type it again."})
    link = await use_link(token, form.password, client=client_of(request))
    return Redirect(
        "/sign-in?" + urlencode({"done": "password-set", "email": link.email}), status_code=303
    )


ROUTES = [forgotten_form, forgotten, password_link, password_link_set]
