"""The one place that decides how an error reaches a user: HTML page, form again, or JSON.

A refusal (tracker.core.refusals) on a page whose route names a way to show
its form again, `opt={"form": again}` with `async def again(request, refusal)`,
is that form with the messages; under /api/ it is the problem JSON, to which a
route's `opt={"problem": extra}` may add; anywhere else it is the error page
with its status. While the database cannot be reached, every request is
answered 503 with `Retry-After` and logged in one line. No traceback ever
reaches a user; unexpected errors (bugs) are logged in full, once.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from typing import Any
from urllib.parse import urlencode, urlsplit

from litestar import MediaType, Request, Response
from litestar.exceptions import HTTPException
from litestar.handlers import HTTPRouteHandler
from litestar.response import Redirect, Template
from litestar.response.base import ASGIResponse
from litestar.status_codes import (
    HTTP_401_UNAUTHORIZED,
    HTTP_500_INTERNAL_SERVER_ERROR,
    HTTP_503_SERVICE_UNAVAILABLE,
)
from litestar.types import Receive, Scope, Send

from tracker.core.closed import StrategyClosed
from tracker.core.refusals import Refusal
from tracker.core.unreachable import database_unreachable
from tracker.core.web.access import SESSION_COOKIE, bearer_token

logger = logging.getLogger("tracker")

FORM = "form"  # route opt: async (request, refusal) -> the page that asked, shown again
PROBLEM = "problem"  # route opt: (refusal) -> more keys for the API's problem JSON
SHOWN_ON_FORM = frozenset({409, 422})  # invalid, possible personal data, conflict
RETRY_AFTER_SECONDS = 60  # while the database is unreachable

Again = Callable[[Request, Refusal], Awaitable[Response]]

TITLES = {
    400: "Sorry, there is a problem with that request",
    401: "You need to sign in",
    403: "You do not have access to this page",
    404: "Page not found",
    405: "That cannot be done here",
    409: "The action has changed since you last saw it",
    410: "This link no longer works",
    413: "The file is too large",
    422: "Sorry, there is a problem with what was sent",
    429: "Too many attempts",
    500: "Sorry, there is a problem with the service",
    503: "Sorry, the service is unavailable",
}

EXPLANATIONS = {
    404: "If you typed the web address, check it is correct. "
    "If you followed a link, the page may have moved: start again from the home page.",
    500: "Nothing you entered has been saved or lost because of this. Try again later; "
    "if it keeps happening, tell the business unit.",
    503: "The tracker cannot reach its database just now. Nothing you entered has been saved. "
    "Try again in a few minutes; if it keeps happening, tell the business unit.",
}


def _same_site_page(request: Request, address: str | None) -> str | None:
    """The path and query of `address` when it is a page of this site, else None."""
    if not address:
        return None
    parts = urlsplit(address)
    if parts.netloc and parts.netloc != request.url.netloc:
        return None
    if not parts.path.startswith("/") or parts.path.startswith("//"):
        return None
    return parts.path + (f"?{parts.query}" if parts.query else "")


def _back_to(request: Request) -> str:
    """Where the person was: the page an htmx request came from, the page a form was posted
    from; for a page asked for, that page."""
    if request.headers.get("hx-request"):
        return _same_site_page(request, request.headers.get("hx-current-url")) or "/"
    if request.method != "GET":
        return _same_site_page(request, request.headers.get("referer")) or "/"
    return request.url.path + (f"?{request.url.query}" if request.url.query else "")


def _to_sign_in(request: Request) -> Response:
    """A page needing sign-in sends the browser to sign in, and back to where it was.

    A session cookie sent that no longer signs anyone in is a session that ended: the
    sign-in page says so (and the browser puts back what was typed: drafts.js).
    """
    query = {"next": _back_to(request)}
    if request.cookies.get(SESSION_COOKIE):
        query["ended"] = "1"
    location = "/sign-in?" + urlencode(query)
    if request.headers.get("hx-request"):
        return Response(None, status_code=204, headers={"HX-Redirect": location})
    return Redirect(location, status_code=303)


def _title(status: int) -> str:
    return TITLES.get(status, TITLES[500] if status >= 500 else TITLES[400])


def _is_api(request: Request) -> bool:
    # A program using a token wants JSON wherever it calls, never a sign-in page.
    return request.url.path.startswith("/api/") or bool(
        bearer_token(request.headers.get("authorization"))
    )


def _headers(status: int) -> dict[str, str] | None:
    if status == HTTP_401_UNAUTHORIZED:  # RFC 6750: a 401 says which scheme would be accepted.
        return {"WWW-Authenticate": 'Bearer realm="tracker"'}
    if status == HTTP_503_SERVICE_UNAVAILABLE:
        return {"Retry-After": str(RETRY_AFTER_SECONDS)}
    return None


def _problem_json(status: int, said: dict[str, Any]) -> Response:
    return Response(
        {"status": status, "error": _title(status), **said},
        status_code=status,
        media_type=MediaType.JSON,
        headers=_headers(status),
    )


def _error_page(
    status: int, detail: str, title: str | None = None, back: str | None = None
) -> Template:
    """The error page; an exception may name its own `title` (a refused form does), and
    `back` is the page a refused button was pressed on, to go back to."""
    if detail == _title(status) or detail in {"Not Found", "Method Not Allowed"}:
        detail = ""
    return Template(
        template_name="error.html",
        context={
            "status": status,
            "title": title or _title(status),
            "detail": detail,
            "explanation": EXPLANATIONS.get(status, ""),
            "back": back if back != "/" else None,
        },
        status_code=status,
        media_type=MediaType.HTML,
        headers=_headers(status),
    )


def _route_opt(request: Request) -> dict[str, Any]:
    handler = request.scope.get("route_handler")
    return handler.opt if handler is not None else {}


def _refused(request: Request, refusal: Refusal, *, again: bool) -> Response:
    opt = _route_opt(request)
    # A closed strategy's form is not shown again: the page says it is read only.
    form_again: Again | None = (
        opt.get(FORM) if again and not isinstance(refusal, StrategyClosed) else None
    )
    if form_again is not None and refusal.status_code in SHOWN_ON_FORM:
        if not request.url.path.startswith("/api/"):
            return _ShownAgain(request, refusal, form_again)
    if _is_api(request):
        extra: Callable[[Refusal], dict[str, Any]] | None = opt.get(PROBLEM)
        said = {**refusal.problem(), **(extra(refusal) if extra else {})}
        return _problem_json(refusal.status_code, said)
    # A button with no form to show again (reinstate, say): back to the page it was on.
    back = (
        None
        if request.method == "GET"
        else _same_site_page(request, request.headers.get("referer"))
    )
    return _error_page(refusal.status_code, str(refusal), back=back)


def _answer(request: Request, exc: Exception, *, again: bool) -> Response:
    if isinstance(exc, Refusal):
        return _refused(request, exc, again=again)
    if isinstance(exc, HTTPException):
        status = exc.status_code
        detail = exc.detail if status < 500 else ""
    elif database_unreachable(exc):
        # One line per request: the outage is news once, its traceback never.
        logger.warning(
            "Database unreachable on %s %s: %s: %s",
            request.method,
            request.url.path,
            type(exc).__name__,
            str(exc)[:200],
        )
        status, detail = HTTP_503_SERVICE_UNAVAILABLE, ""
    else:
        logger.exception("Unhandled error on %s %s", request.method, request.url.path)
        status, detail = HTTP_500_INTERNAL_SERVER_ERROR, ""
    is_api = _is_api(request)
    if status == HTTP_401_UNAUTHORIZED and not is_api:
        return _to_sign_in(request)
    if is_api:
        extra = exc.extra if isinstance(exc, HTTPException) and isinstance(exc.extra, dict) else {}
        return _problem_json(status, {"detail": detail or None, **extra})
    title = getattr(exc, "title", None)
    return _error_page(status, detail, title if isinstance(title, str) else None)


def _with_route_headers(request: Request, response: Response) -> Response:
    """The headers the route's own answer would carry (the security headers among them)."""
    handler = request.scope.get("route_handler")
    if not isinstance(handler, HTTPRouteHandler):
        return response
    for header in handler.resolve_response_headers():
        if header.value is not None:
            response.headers.setdefault(header.name, header.value)
    return response


def error_response(request: Request, exc: Exception) -> Response:
    return _with_route_headers(request, _answer(request, exc, again=True))


class _MadeWhenSent(ASGIResponse):
    __slots__ = ("_make",)

    def __init__(self, make: Callable[[], Awaitable[ASGIResponse]]) -> None:
        super().__init__()
        self._make = make

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        await (await self._make())(scope, receive, send)


class _ShownAgain(Response[None]):
    """The page that asked, shown again with what stopped it.

    Litestar's exception handlers cannot await, and showing the form again
    reads the database, so the page is made as the answer is sent. If that
    fails too (the thing is gone meanwhile), the error page says so.
    """

    def __init__(self, request: Request, refusal: Refusal, again: Again) -> None:
        super().__init__(None)
        self._request, self._refusal, self._again = request, refusal, again

    def to_asgi_response(self, app: Any, request: Request, **kwargs: Any) -> ASGIResponse:  # type: ignore[override]
        async def make() -> ASGIResponse:
            try:
                response = await self._again(self._request, self._refusal)
            except Exception as failed:  # noqa: BLE001 - answered as any error is, never raw
                response = _answer(self._request, failed, again=False)
            response = _with_route_headers(self._request, response)
            return response.to_asgi_response(None, request, **kwargs)

        return _MadeWhenSent(make)
