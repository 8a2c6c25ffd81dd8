"""The one place that decides how an error reaches a user: HTML page, or JSON under /api/.

No traceback ever reaches a user; unexpected errors are logged in full.
"""

from __future__ import annotations

import logging
from urllib.parse import quote

from litestar import MediaType, Request, Response
from litestar.exceptions import HTTPException
from litestar.response import Redirect, Template
from litestar.status_codes import HTTP_401_UNAUTHORIZED, HTTP_500_INTERNAL_SERVER_ERROR

from tracker.core.web.access import bearer_token

logger = logging.getLogger("tracker")

TITLES = {
    400: "Sorry, there is a problem with that request",
    401: "You need to sign in",
    403: "You do not have access to this page",
    404: "Page not found",
    405: "That cannot be done here",
    409: "The action has changed since you last saw it",
    413: "The file is too large",
    422: "Sorry, there is a problem with what was sent",
    429: "Too many attempts",
    500: "Sorry, there is a problem with the service",
}

EXPLANATIONS = {
    404: "If you typed the web address, check it is correct. "
    "If you followed a link, the page may have moved: start again from the home page.",
    500: "Nothing you entered has been saved or lost because of this. Try again later; "
    "if it keeps happening, tell the business unit.",
}


def _to_sign_in(request: Request) -> Response:
    """A page needing sign-in sends the browser to sign in, and back afterwards."""
    target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
    location = f"/sign-in?next={quote(target, safe='')}"
    if request.headers.get("hx-request"):
        return Response(None, status_code=204, headers={"HX-Redirect": location})
    return Redirect(location, status_code=303)


def error_response(request: Request, exc: Exception) -> Response:
    if isinstance(exc, HTTPException):
        status = exc.status_code
        detail = exc.detail if status < 500 else ""
    else:
        logger.exception("Unhandled error on %s %s", request.method, request.url.path)
        status, detail = HTTP_500_INTERNAL_SERVER_ERROR, ""
    title = TITLES.get(status, TITLES[500] if status >= 500 else TITLES[400])
    # A program using a token wants JSON wherever it calls, never a sign-in page.
    is_api = request.url.path.startswith("/api/") or bool(
        bearer_token(request.headers.get("authorization"))
    )
    if status == HTTP_401_UNAUTHORIZED and not is_api:
        return _to_sign_in(request)
    if is_api:
        extra = exc.extra if isinstance(exc, HTTPException) and isinstance(exc.extra, dict) else {}
        return Response(
            {"status": status, "error": title, "detail": detail or None, **extra},
            status_code=status,
            media_type=MediaType.JSON,
            # RFC 6750: a 401 says which scheme would be accepted.
            headers={"WWW-Authenticate": 'Bearer realm="tracker"'}
            if status == HTTP_401_UNAUTHORIZED
            else None,
        )
    if detail == title or detail in {"Not Found", "Method Not Allowed"}:
        detail = ""
    return Template(
        template_name="error.html",
        context={
            "status": status,
            "title": title,
            "detail": detail,
            "explanation": EXPLANATIONS.get(status, ""),
        },
        status_code=status,
        media_type=MediaType.HTML,
    )
