"""What the page handlers share: who is asking, the version a form was made on,
and the services' refusals as the pages' 403 and 404."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from litestar import Request
from litestar.exceptions import NotFoundException, PermissionDeniedException

from tracker.challenges.errors import NotFound
from tracker.returns.errors import PlanNotFound
from tracker.updates.store import ActionNotFound, NotAllowed


def client_of(request: Request) -> str:  # type: ignore[type-arg]
    """The client's address, for the audit trail."""
    return request.client.host if request.client else ""


def version_of(text: str) -> int:
    """The version a form was made on; none is treated as stale: shown again, not guessed."""
    try:
        return int(text)
    except ValueError:
        return -1


@contextmanager
def refusals_as_http() -> Iterator[None]:
    """The services' refusals as 403 and 404; the rest each page shows itself."""
    try:
        yield
    except NotAllowed as refused:
        raise PermissionDeniedException(str(refused)) from refused
    except (ActionNotFound, NotFound, PlanNotFound) as missing:
        raise NotFoundException(str(missing)) from missing
