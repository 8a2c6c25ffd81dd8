"""Who is asking, and what they may reach: the one place access is decided.

Every route needs a signed-in person except those in PUBLIC_PATHS (who signs
them in is tracker.accounts.authentication); routes that change things add a
role guard from here.
"""

from __future__ import annotations

from dataclasses import dataclass

from litestar.connection import ASGIConnection
from litestar.exceptions import PermissionDeniedException
from litestar.handlers.base import BaseRouteHandler

from tracker.core.roles import Role, only
from tracker.core.web.paths import API_PREFIX

# The browser's session cookie: the accounts feature sets and reads it; the error answerer
# only asks whether one was sent (a session that has ended, rather than none).
SESSION_COOKIE = "tracker_session"

# /upload/: a return sent through an upload link, by someone without an account
# (tracker.upload_links): the link's token is what lets them in, to that page only.
PUBLIC_PATHS = ["^/sign-in", "^/static/", "^/vendor/", "^/healthz$", "^/upload/"]
API_SCHEMA_PATH = "/schema"  # tracker.web.app's OpenAPIConfig path


@dataclass(frozen=True)
class SignedIn:
    """The person behind a request."""

    id: int
    email: str
    name: str
    role: Role
    agency_ids: frozenset[int]
    lead_names: frozenset[str] = frozenset()
    # The strategy this browser chose in the header's switcher; None: the current one.
    strategy: int | None = None

    @property
    def display_name(self) -> str:
        return self.name or self.email


def bearer_token(authorization: str | None) -> str | None:
    """The token of an `Authorization: Bearer <token>` header, else None."""
    scheme, _, token = (authorization or "").strip().partition(" ")
    return token.strip() if scheme.lower() == "bearer" else None


def reachable_by_token(path: str) -> bool:
    """A personal API token opens the API and its schema, nothing else."""
    return (
        path.startswith(API_PREFIX)
        or path == API_SCHEMA_PATH
        or path.startswith(API_SCHEMA_PATH + "/")
    )


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
            raise PermissionDeniedException(only(self.allowed))


def roles(*allowed: Role) -> RoleGuard:
    """A guard letting only people with one of `allowed` roles through."""
    return RoleGuard(allowed)
