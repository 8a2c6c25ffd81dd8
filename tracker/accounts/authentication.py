"""Who is signed in: a personal API token or the browser's session cookie.

tracker.web.app puts the middleware in front of every route but
tracker.core.web.access.PUBLIC_PATHS; the pages then ask access.person().
"""

from __future__ import annotations

from litestar.connection import ASGIConnection
from litestar.exceptions import NotAuthorizedException, PermissionDeniedException
from litestar.middleware import AbstractAuthenticationMiddleware, AuthenticationResult

from tracker.accounts.sessions import live_session
from tracker.accounts.token_use import TokenNotAccepted, note_use, token_holder
from tracker.core.chosen import read_with_session
from tracker.core.shared_names import read_with_session as glossary_read_with_session
from tracker.core.web.access import API_PREFIX, SESSION_COOKIE, bearer_token, reachable_by_token

_SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


class SessionAuthentication(AbstractAuthenticationMiddleware):
    """A personal API token (Authorization: Bearer) or the browser's session cookie.

    A token opens the API and its schema only: never a page or a form, so a
    leaked token cannot make more tokens, change accounts or sign anyone in.
    Changes through the API need a read-write token: a browser's cookie is
    sent by any site's form, so the API, which has no CSRF check, never acts
    on it alone.
    """

    async def authenticate_request(self, connection: ASGIConnection) -> AuthenticationResult:
        method = connection.scope.get("method")
        token = bearer_token(connection.headers.get("authorization"))
        if token is not None:
            try:
                holder = await token_holder(token)
            except TokenNotAccepted as refused:
                raise NotAuthorizedException(str(refused)) from None
            if not reachable_by_token(connection.url.path):
                raise PermissionDeniedException(
                    "A personal API token works only for the API (paths under /api/) and its "
                    "schema (/schema): sign in to use the tracker's pages."
                )
            if holder.read_only and method not in _SAFE_METHODS:
                raise PermissionDeniedException(
                    "This API token is read-only: it cannot change anything. Make a "
                    "read-and-write token on your profile page to record updates."
                )
            await note_use(holder)
            return AuthenticationResult(user=holder.person, auth="token")
        if connection.url.path.startswith(API_PREFIX) and method not in _SAFE_METHODS:
            raise NotAuthorizedException(
                "Changes through the API need a personal API token: send it as "
                "'Authorization: Bearer <token>'. Make one on your profile page."
            )
        session = await live_session(connection.cookies.get(SESSION_COOKIE))
        if session is None:
            raise NotAuthorizedException("Sign in to use the tracker.")
        if method in _SAFE_METHODS:  # a write may change them before the page is made
            read_with_session(connection.state, session.strategies)
            glossary_read_with_session(session.glossary)
        else:
            glossary_read_with_session(None)
        return AuthenticationResult(user=session.person, auth="session")
