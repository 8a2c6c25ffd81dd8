"""Who is signed in: a personal API token or the browser's session cookie.

tracker.web.app puts the middleware in front of every route but
tracker.core.web.access.PUBLIC_PATHS; the pages then ask access.person().
"""

from __future__ import annotations

from litestar.connection import ASGIConnection
from litestar.exceptions import NotAuthorizedException
from litestar.middleware import AbstractAuthenticationMiddleware, AuthenticationResult

from tracker.accounts.sessions import signed_in
from tracker.accounts.tokens import person_for_token
from tracker.core.web.access import API_PREFIX, bearer_token

SESSION_COOKIE = "tracker_session"
_SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


class SessionAuthentication(AbstractAuthenticationMiddleware):
    """A personal API token (Authorization: Bearer) or the browser's session cookie.

    Changes through the API need the token: a browser's cookie is sent by any
    site's form, so the API, which has no CSRF check, never acts on it alone.
    """

    async def authenticate_request(self, connection: ASGIConnection) -> AuthenticationResult:
        token = bearer_token(connection.headers.get("authorization"))
        if token is not None:
            by_token = await person_for_token(token)
            if by_token is None:
                raise NotAuthorizedException(
                    "The API token is not valid: it may have been revoked. "
                    "Make a new one on your profile page."
                )
            return AuthenticationResult(user=by_token, auth="token")
        if (
            connection.url.path.startswith(API_PREFIX)
            and connection.scope.get("method") not in _SAFE_METHODS
        ):
            raise NotAuthorizedException(
                "Changes through the API need a personal API token: send it as "
                "'Authorization: Bearer <token>'. Make one on your profile page."
            )
        person = await signed_in(connection.cookies.get(SESSION_COOKIE))
        if person is None:
            raise NotAuthorizedException("Sign in to use the tracker.")
        return AuthenticationResult(user=person, auth="session")
