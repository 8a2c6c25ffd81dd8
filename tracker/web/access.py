"""Who is signed in, and what they may reach: the one place access is decided.

Every route needs a signed-in person except those in PUBLIC_PATHS; routes
that change things add a role guard from here.
"""

from __future__ import annotations

from collections.abc import Callable

from litestar.connection import ASGIConnection
from litestar.exceptions import NotAuthorizedException, PermissionDeniedException
from litestar.handlers.base import BaseRouteHandler
from litestar.middleware import AbstractAuthenticationMiddleware, AuthenticationResult

from tracker.accounts.sessions import SignedIn, signed_in
from tracker.domain.roles import Role

SESSION_COOKIE = "tracker_session"
PUBLIC_PATHS = ["^/sign-in", "^/static/", "^/vendor/", "^/healthz$"]


class SessionAuthentication(AbstractAuthenticationMiddleware):
    async def authenticate_request(self, connection: ASGIConnection) -> AuthenticationResult:
        person = await signed_in(connection.cookies.get(SESSION_COOKIE))
        if person is None:
            raise NotAuthorizedException("Sign in to use the tracker.")
        return AuthenticationResult(user=person, auth=None)


def person(connection: ASGIConnection) -> SignedIn:
    return connection.user


def roles(*allowed: Role) -> Callable[[ASGIConnection, BaseRouteHandler], None]:
    """A guard letting only people with one of `allowed` roles through."""

    def guard(connection: ASGIConnection, _: BaseRouteHandler) -> None:
        if person(connection).role not in allowed:
            raise PermissionDeniedException(
                "Only " + " or ".join(role.label.lower() for role in allowed) + " can do this."
            )

    return guard
