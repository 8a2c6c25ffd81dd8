"""Checking a form's free text before it is saved.

A service calls `guard` with the texts it is about to save. Text that looks
like it identifies a person stops the save with PossiblePersonalData, unless
the author has confirmed it; confirmed text is saved, and the service records
a flag (tracker.core.personal_data.flags.record_flags) for the business unit to review.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from tracker.core.personal_data.finders import (
    Finding,
    find_identifiers,
    kinds_found,
    warning,
    what_was_found,
)
from tracker.core.refusals import Refusal

CONFIRM_FIELD = "confirm_personal_data"
"""The form field (a checkbox, value "yes") and the JSON key (true) that confirm flagged text."""

POSSIBLE_PERSONAL_DATA = "possible-personal-data"
"""The API's problem code: send the text again with CONFIRM_FIELD true to save it as it is."""


@dataclass(frozen=True)
class FlaggedField:
    field: str  # the form field, e.g. "progress"
    label: str  # as the page names it, e.g. "Progress"
    findings: tuple[Finding, ...]

    @property
    def message(self) -> str:
        return warning(self.label, self.findings)

    @property
    def found(self) -> str:
        """What looked like personal data, without the advice the field's message gives."""
        return what_was_found(self.findings)

    @property
    def kinds(self) -> str:
        return ",".join(kind.value for kind in kinds_found(self.findings))


class PossiblePersonalData(Refusal):
    """Free text looks like it identifies a person and the author has not confirmed it."""

    status_code = 422

    def __init__(self, flagged: tuple[FlaggedField, ...], message: str | None = None) -> None:
        super().__init__(
            " ".join(field.message for field in flagged) if message is None else message
        )
        self.flagged = flagged

    @property
    def problems(self) -> dict[str, str]:
        return {field.field: field.message for field in self.flagged}

    def problem(self) -> dict[str, Any]:
        return {
            "detail": "Nothing was saved: " + " ".join(self.problems.values()) + " To save it as "
            f'it is, send it again with "{CONFIRM_FIELD}": true.',
            "code": POSSIBLE_PERSONAL_DATA,
            "errors": self.problems,
            "kinds": {field.field: field.kinds.split(",") for field in self.flagged},
        }


def flagged_fields(texts: Mapping[str, tuple[str, str | None]]) -> tuple[FlaggedField, ...]:
    """Fields whose text looks like personal data. `texts`: field -> (label, text)."""
    flagged = []
    for field, (label, text) in texts.items():
        findings = find_identifiers(text or "")
        if findings:
            flagged.append(FlaggedField(field, label, findings))
    return tuple(flagged)


def guard(
    texts: Mapping[str, tuple[str, str | None]], *, confirmed: bool
) -> tuple[FlaggedField, ...]:
    """The flagged fields, to record once saved; PossiblePersonalData if not confirmed."""
    flagged = flagged_fields(texts)
    if flagged and not confirmed:
        raise PossiblePersonalData(flagged)
    return flagged


def confirmed_in(form: Mapping[str, object]) -> bool:
    """Whether a submitted form (or JSON body) confirms its flagged text."""
    value = form.get(CONFIRM_FIELD)
    return value is True or (
        isinstance(value, str) and value.strip().lower() in ("yes", "true", "on")
    )
