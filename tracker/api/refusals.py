"""How the API's domain refusals become HTTP answers: one mapping for every API route."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date

from litestar.exceptions import HTTPException, NotFoundException, PermissionDeniedException
from litestar.openapi.datastructures import ResponseSpec
from litestar.status_codes import HTTP_409_CONFLICT, HTTP_422_UNPROCESSABLE_ENTITY

from tracker.api.detail import state_item
from tracker.api.models import ActionItem
from tracker.api.problems import RequestProblem
from tracker.core.personal_data.check import CONFIRM_FIELD, PossiblePersonalData
from tracker.plans.state import ChangeSince
from tracker.updates.store import ActionNotFound, InvalidChange, NotAllowed, StaleVersion


@dataclass(frozen=True)
class Problems:
    status: int
    error: str
    detail: str | None
    errors: dict[str, str]  # field name: what is wrong with it
    # "possible-personal-data": the text looks like it identifies a person; send
    # "confirm_personal_data": true to save it as it is.
    code: str | None = None
    # With that code: the kinds found in each field ("phone", "nhs-number", ...).
    kinds: dict[str, list[str]] | None = None


@dataclass(frozen=True)
class Stale:
    status: int
    error: str
    detail: str
    current: ActionItem  # the action as it is now, with the version to send next time
    changes_since: list[ChangeSince]  # what changed after the version sent, oldest first


@dataclass(frozen=True)
class Failure:
    status: int
    error: str
    detail: str | None


POSSIBLE_PERSONAL_DATA = "possible-personal-data"


def unprocessable(problems: dict[str, str]) -> HTTPException:
    return HTTPException(
        status_code=HTTP_422_UNPROCESSABLE_ENTITY,
        detail="Nothing was saved: " + " ".join(problems.values()),
        extra={"errors": problems},
    )


@contextmanager
def api_errors(today: date) -> Iterator[None]:
    """Refusals from the services, as the API's status codes and JSON bodies."""
    try:
        yield
    except (RequestProblem, InvalidChange) as problem:
        raise unprocessable(problem.problems) from None
    except PossiblePersonalData as possible:
        raise HTTPException(
            status_code=HTTP_422_UNPROCESSABLE_ENTITY,
            detail=(
                "Nothing was saved: " + " ".join(possible.problems.values()) + " To save it as "
                f'it is, send it again with "{CONFIRM_FIELD}": true.'
            ),
            extra={
                "code": POSSIBLE_PERSONAL_DATA,
                "errors": possible.problems,
                "kinds": {field.field: field.kinds.split(",") for field in possible.flagged},
            },
        ) from None
    except ActionNotFound as missing:
        raise NotFoundException(str(missing)) from None
    except NotAllowed as refused:
        raise PermissionDeniedException(str(refused)) from None
    except StaleVersion as stale:
        raise HTTPException(
            status_code=HTTP_409_CONFLICT,
            detail=str(stale),
            extra={"current": state_item(stale.current, today), "changes_since": stale.since},
        ) from None


RESPONSES = {
    401: ResponseSpec(Failure, description="No valid API token or session"),
    403: ResponseSpec(Failure, description="Your role may not do this to this action"),
    404: ResponseSpec(Failure, description="There is no such action"),
    409: ResponseSpec(Stale, description="The action changed since the version sent"),
    422: ResponseSpec(Problems, description="Something sent is not right, field by field"),
}
