"""What the page handlers share about forms: who sent one, the version it was made on,
the form as sent, read again to show it again, and what a refusal shows on it."""

from __future__ import annotations

from dataclasses import fields
from typing import TYPE_CHECKING, Any, TypeVar

from litestar import Request

from tracker.core.parsing import parsed
from tracker.core.personal_data.check import PossiblePersonalData
from tracker.core.refusals import InvalidInput, Refusal

if TYPE_CHECKING:
    from _typeshed import DataclassInstance

Form = TypeVar("Form", bound="DataclassInstance")


def client_of(request: Request) -> str:  # type: ignore[type-arg]
    """The client's address, for the audit trail."""
    return request.client.host if request.client else ""


def version_of(text: str) -> int:
    """The version a form was made on; none is treated as stale: shown again, not guessed."""
    version = parsed(int, text)
    return -1 if version is None else version


async def submitted(request: Request, form: type[Form]) -> Form:  # type: ignore[type-arg]
    """The form as it was sent. Litestar keeps the parsed body, so a form shown again after a
    refusal reads it again here."""
    sent = await request.form()
    return form(**{field.name: sent[field.name] for field in fields(form) if field.name in sent})


def shown(refused: Refusal) -> dict[str, Any]:
    """What a form page shows of a refusal, as its context: each field's message, the text
    that looks like personal data, or what moved on; and the status to answer with."""
    if isinstance(refused, PossiblePersonalData):
        said: dict[str, Any] = {"problems": refused.problems, "flagged": refused.flagged}
    elif isinstance(refused, InvalidInput):
        said = {"problems": refused.problems}
    else:
        said = {"refusal": str(refused)}
    return {**said, "status_code": refused.status_code}
