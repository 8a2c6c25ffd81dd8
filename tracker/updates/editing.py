"""The rules for editing an action's editable fields (see tracker.plans.fields). Pure."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date

from tracker.core.dates import parse_day
from tracker.plans.fields import ACTION_FIELDS, ActionField, Kind

Value = str | date | None


class EditForm:
    """What the edit form sent: each editable field's text ("" for one not sent)."""

    def __init__(self, **typed: str) -> None:
        unknown = typed.keys() - {editable.name for editable in ACTION_FIELDS.editable}
        if unknown:
            raise TypeError(f"Not an editable field: {', '.join(sorted(unknown))}")
        self.typed = {
            editable.name: typed.get(editable.name, "") for editable in ACTION_FIELDS.editable
        }

    @classmethod
    def sent(cls, values: Mapping[str, str]) -> EditForm:
        """From a form's values, ignoring anything that is not an editable field."""
        return cls(
            **{editable.name: values.get(editable.name, "") for editable in ACTION_FIELDS.editable}
        )


def as_typed(current: Mapping[str, Value]) -> dict[str, str]:
    """Fields' values as the form shows them when it opens: dates as YYYY-MM-DD, None as ""."""
    return {
        name: value.isoformat() if isinstance(value, date) else (value or "")
        for name, value in current.items()
    }


@dataclass(frozen=True)
class CheckedEdit:
    values: dict[str, Value]  # each editable field's new value; None: empty

    def as_fields(self) -> dict[str, Value]:
        return dict(self.values)


@dataclass(frozen=True)
class EditCheck:
    edit: CheckedEdit | None
    problems: dict[str, str] = field(default_factory=dict)


def read_field(editable: ActionField, typed: str) -> tuple[Value, str | None]:
    """The value typed into one field, or the problem with it."""
    if editable.kind is Kind.DATE:
        if not typed.strip():
            return None, None
        day = parse_day(typed)
        return (day, None) if day else (None, editable.not_a_date())
    text = " ".join(typed.split()) if editable.kind is Kind.LINE else typed.strip()
    if editable.max_length is not None and len(text) > editable.max_length:
        return None, editable.too_long()
    return text or None, None


def check_edit(form: EditForm) -> EditCheck:
    values: dict[str, Value] = {}
    problems: dict[str, str] = {}
    for editable in ACTION_FIELDS.editable:
        value, problem = read_field(editable, form.typed[editable.name])
        if problem:
            problems[editable.name] = problem
        values[editable.name] = value
    if problems:
        return EditCheck(None, problems)
    return EditCheck(CheckedEdit(values))


def changed_fields(
    before: dict[str, Value], after: dict[str, Value]
) -> tuple[dict[str, Value], dict[str, Value]]:
    """Only what differs: (before, after) of the changed fields."""
    keys = [key for key in after if before.get(key) != after[key]]
    return {key: before.get(key) for key in keys}, {key: after[key] for key in keys}
