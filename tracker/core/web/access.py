"""Who is signed in, and what they may reach: the one place access is decided.

Every route needs a signed-in person except those in PUBLIC_PATHS; routes
that change things add a role guard from here.
"""

from __future__ import annotations

from litestar.connection import ASGIConnection
from litestar.exceptions import NotAuthorizedException, PermissionDeniedException
from litestar.handlers.base import BaseRouteHandler
from litestar.middleware import AbstractAuthenticationMiddleware, AuthenticationResult

from tracker.accounts.sessions import SignedIn, signed_in
from tracker.accounts.tokens import person_for_token
from tracker.core.roles import Role

SESSION_COOKIE = "tracker_session"
PUBLIC_PATHS = ["^/sign-in", "^/static/", "^/vendor/", "^/healthz$"]
API_PREFIX = "/api/"
_SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


def bearer_token(authorization: str | None) -> str | None:
    """The token of an `Authorization: Bearer <token>` header, else None."""
    scheme, _, token = (authorization or "").strip().partition(" ")
    return token.strip() if scheme.lower() == "bearer" else None


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


def person(connection: ASGIConnection) -> SignedIn:
    return connection.user


class RoleGuard:
    """A guard letting only people with one of `allowed` roles through.

    It keeps `allowed`, so a test can check the navigation offers each link to
    exactly the roles its route lets in.
    """

    def __init__(self, allowed: tuple[Role, ...]) -> None:
        self.allowed = allowed

    def __call__(self, connection: ASGIConnection, _: BaseRouteHandler) -> None:
        if person(connection).role not in self.allowed:
            raise PermissionDeniedException(
                "Only " + " or ".join(role.label.lower() for role in self.allowed) + " can do this."
            )


def roles(*allowed: Role) -> RoleGuard:
    """A guard letting only people with one of `allowed` roles through."""
    return RoleGuard(allowed)
