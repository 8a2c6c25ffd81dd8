"""Signing in and out."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated

from litestar import Request, get, post
from litestar.datastructures import Cookie
from litestar.enums import RequestEncodingType
from litestar.params import Body, FromQuery
from litestar.response import Redirect, Template

from tracker.accounts.authentication import SESSION_COOKIE
from tracker.accounts.sessions import LONGEST_SESSION, sign_in, sign_out
from tracker.accounts.store import MAX_EMAIL
from tracker.core.roles import Role
from tracker.core.web.navigation import landing_route
from tracker.core.web.redirects import safe_next


@dataclass
class SignInForm:
    email: str = ""
    password: str = ""
    next: str = "/"


def _session_cookie(request: Request, value: str, max_age: int) -> Cookie:
    return Cookie(
        key=SESSION_COOKIE,
        value=value,
        max_age=max_age,
        httponly=True,
        samesite="lax",
        secure=request.app.state.secure_cookies,
        path="/",
    )


def _landing(request: Request, asked: str, role: Role | None) -> str:
    """The page asked for; without one (the site's address), what waits for this role."""
    target = safe_next(asked)
    if target != "/" or role is None:
        return target
    return request.app.route_reverse(landing_route(role))


@get("/sign-in", name="sign_in_form")
async def sign_in_form(
    next: FromQuery[str | None] = None,
    done: FromQuery[str] = "",
    email: FromQuery[str] = "",
    ended: FromQuery[str] = "",
) -> Template:
    form = SignInForm(email=email[:254], next=safe_next(next))
    return Template(
        "accounts/sign_in.html", context={"form": form, "done": done, "ended": ended == "1"}
    )


@post("/sign-in", name="sign_in")
async def sign_in_submit(
    request: Request,
    data: Annotated[SignInForm, Body(media_type=RequestEncodingType.URL_ENCODED)],
) -> Template | Redirect:
    client = request.client.host if request.client else ""
    outcome = await sign_in(
        data.email, data.password, client=client, replacing=request.cookies.get(SESSION_COOKIE)
    )
    if outcome.token is None:
        return Template(
            "accounts/sign_in.html",
            context={
                # What was typed, shown again, but never more than an email can be.
                "form": SignInForm(email=data.email[:MAX_EMAIL], next=safe_next(data.next)),
                "problem": outcome.problem,
            },
            status_code=429 if outcome.throttled else 400,
        )
    response = Redirect(_landing(request, data.next, outcome.role), status_code=303)
    response.cookies.append(
        _session_cookie(request, outcome.token, int(LONGEST_SESSION.total_seconds()))
    )
    return response


@post("/sign-out", name="sign_out")
async def sign_out_submit(request: Request) -> Redirect:
    await sign_out(request.cookies.get(SESSION_COOKIE))
    response = Redirect("/sign-in", status_code=303)
    response.cookies.append(_session_cookie(request, "", 0))
    return response
