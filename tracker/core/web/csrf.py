"""Forms are accepted only from the tracker's own pages, in the session that showed them.

Every request that changes something, outside /api/ (which needs a bearer
token, never a cookie alone), passes two checks:

- Where it came from: when the browser says (`Origin`, or failing that
  `Referer`), it must be the tracker itself, its TRACKER_BASE_URL or the
  address the request was sent to. Browsers send `Origin` on every form post
  and fetch, so another site's form is refused even before its token is read.
- Its token (the `_csrf_token` field or the `x-csrftoken` header) must be the
  token of this sign-in: an HMAC, under the secret key, of the hash of the
  session cookie. A token seen in one session is worthless in any other, and
  every sign-in starts a new session, so a new token. Before sign-in (the
  sign-in form) the token is a signed random value that must equal the
  browser's `csrftoken` cookie.

Pages get the token from `csrf_token()` (Litestar's template callable, fed
through its scope state). The `csrftoken` cookie always holds the token of
the browser's current state: it is renewed on the response that signs in or
out, so a program (or a test) may read it from there.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from http.cookies import CookieError, SimpleCookie
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from litestar.datastructures import Cookie, MutableScopeHeaders
from litestar.enums import RequestEncodingType, ScopeType
from litestar.exceptions import PermissionDeniedException
from litestar.middleware.base import MiddlewareProtocol
from litestar.utils.scope.state import ScopeState

from tracker.core.web.access import API_PREFIX
from tracker.core.web.headers import CACHEABLE

if TYPE_CHECKING:
    from litestar.connection import Request
    from litestar.types import ASGIApp, Message, Receive, Scope, Scopes, Send

COOKIE = "csrftoken"
HEADER = "x-csrftoken"
FIELD = "_csrf_token"
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS", "TRACE"})
_NONCE_LENGTH = 64  # hex characters of a pre-session token's random part


class FormNotAccepted(PermissionDeniedException):
    """A change refused before it was read: 403, with its own title on the error page."""

    title = "That form could not be accepted"


CROSS_SITE = (
    "It was sent from another website, so nothing was changed. "
    "To make a change, go to the tracker and use its own pages."
)
EXPIRED_PAGE = (
    "The page it came from belongs to an earlier sign-in or has expired, so nothing was "
    "changed. Go back, reload the page and try again."
)


def _mac(secret: str, purpose: str, value: str) -> str:
    return hmac.new(secret.encode(), f"{purpose}:{value}".encode(), hashlib.sha256).hexdigest()


def session_token(secret: str, session: str) -> str:
    """The token of the sign-in whose cookie is `session`."""
    return _mac(secret, "session", hashlib.sha256(session.encode()).hexdigest())


def pre_session_token(secret: str) -> str:
    """A new token for a browser not signed in: a random part and its signature."""
    nonce = secrets.token_hex(_NONCE_LENGTH // 2)
    return nonce + _mac(secret, "pre-session", nonce)


def _is_pre_session_token(secret: str, token: str) -> bool:
    nonce, signature = token[:_NONCE_LENGTH], token[_NONCE_LENGTH:]
    return len(nonce) == _NONCE_LENGTH and hmac.compare_digest(
        signature, _mac(secret, "pre-session", nonce)
    )


def _origin(url: str) -> tuple[str, str]:
    parts = urlsplit(url.strip())
    return parts.scheme.lower(), parts.netloc.lower()


class CSRFProtection(MiddlewareProtocol):
    """Refuses changes from other sites or other sessions; gives pages their token."""

    scopes: Scopes = {ScopeType.HTTP}

    def __init__(
        self, app: ASGIApp, *, secret: str, session_cookie: str, secure: bool, base_url: str
    ) -> None:
        self.app = app
        self.secret = secret
        self.session_cookie = session_cookie
        self.secure = secure
        self.own_origin = _origin(base_url)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        path = str(scope.get("path", ""))
        if scope["type"] != ScopeType.HTTP or path.startswith((API_PREFIX, *CACHEABLE)):
            await self.app(scope, receive, send)
            return
        request: Request[Any, Any, Any] = scope["litestar_app"].request_class(scope, receive)
        cookie = request.cookies.get(COOKIE)
        expected = self._expected(request.cookies.get(self.session_cookie), cookie)
        if request.method not in SAFE_METHODS:
            if self._from_elsewhere(request):
                raise FormNotAccepted(CROSS_SITE)
            sent = await self._sent_token(request)
            if expected is None or sent is None or not hmac.compare_digest(sent, expected):
                raise FormNotAccepted(EXPIRED_PAGE)
        token = expected or pre_session_token(self.secret)
        ScopeState.from_scope(scope).csrf_token = token
        await self.app(scope, receive, self._renewing_cookie(send, cookie, token))

    def _expected(self, session: str | None, cookie: str | None) -> str | None:
        """The token this request must carry; None before sign-in without a valid cookie."""
        if session:
            return session_token(self.secret, session)
        if cookie and _is_pre_session_token(self.secret, cookie):
            return cookie
        return None

    def _from_elsewhere(self, request: Request[Any, Any, Any]) -> bool:
        said = request.headers.get("origin") or request.headers.get("referer")
        if said is None:
            return False  # not every client says; the token still has to match
        scheme, netloc = _origin(said)
        if (scheme, netloc) == self.own_origin:
            return False
        host = request.headers.get("host", "").lower()
        return not (scheme in ("http", "https") and host and netloc == host)

    async def _sent_token(self, request: Request[Any, Any, Any]) -> str | None:
        sent = request.headers.get(HEADER)
        content_type, _ = request.content_type
        if not sent and content_type in {
            RequestEncodingType.URL_ENCODED,
            RequestEncodingType.MULTI_PART,
        }:
            field = (await request.form()).get(FIELD)
            sent = field if isinstance(field, str) else None
        return sent

    def _renewing_cookie(self, send: Send, cookie: str | None, token: str) -> Send:
        """Keeps the cookie equal to the token, following a sign-in or sign-out on the way."""

        async def send_renewing(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableScopeHeaders.from_message(message)
                now = token
                session = self._session_set(headers.getall("set-cookie", []))
                if session is not None:
                    now = (
                        session_token(self.secret, session)
                        if session
                        else pre_session_token(self.secret)
                    )
                if now != cookie:
                    headers.add("set-cookie", self._cookie(now).to_header(header=""))
            await send(message)

        return send_renewing

    def _session_set(self, set_cookies: list[str]) -> str | None:
        """The new session cookie a response sets: its value, "" when it ends, else None."""
        for header in set_cookies:
            try:
                parsed = SimpleCookie(header)
            except CookieError:
                continue
            morsel = parsed.get(self.session_cookie)
            if morsel is not None:
                ended = morsel["max-age"] == "0" or morsel.value in ("", '""')
                return "" if ended else morsel.value
        return None

    def _cookie(self, token: str) -> Cookie:
        return Cookie(
            key=COOKIE,
            value=token,
            path="/",
            secure=self.secure,
            httponly=False,  # a program may read it; pages carry the token themselves
            samesite="strict",
        )
