"""The body of an API update, read from JSON: the update as typed and the version it was made on.

Pure, and lenient about nothing: each field is checked here so the caller is
told which field is wrong, in words, rather than a parser's message.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from tracker.api.problems import RequestProblem
from tracker.core.personal_data.check import CONFIRM_FIELD
from tracker.updates.rules import UpdateForm

TEXT_FIELDS = ("rag", "progress", "as_at", "impact", "evidence_link")


@dataclass(frozen=True)
class UpdateBody:
    form: UpdateForm
    version: int
    # True when the caller confirms text that looks like personal data does not identify anyone.
    confirmed: bool = False


def read_update(raw: bytes) -> tuple[UpdateForm, int]:
    body = read_update_body(raw)
    return body.form, body.version


def read_update_body(raw: bytes) -> UpdateBody:
    try:
        body: Any = json.loads(raw or b"null")
    except (ValueError, UnicodeDecodeError):
        raise RequestProblem({"body": "Send the update as a JSON object."}) from None
    if not isinstance(body, dict):
        raise RequestProblem({"body": "Send the update as a JSON object."})
    problems: dict[str, str] = {}
    version = body.get("version")
    if version is None:
        problems["version"] = "Give the version of the action the update was made on."
    elif isinstance(version, bool) or not isinstance(version, int):
        problems["version"] = "Give the version as a whole number, as the action's details show."
    for name in TEXT_FIELDS:
        value = body.get(name)
        if value is not None and not isinstance(value, str):
            problems[name] = f"Give {name} as text."
    confirmed = body.get(CONFIRM_FIELD, False)
    if not isinstance(confirmed, bool):
        problems[CONFIRM_FIELD] = f"Give {CONFIRM_FIELD} as true or false."
    if problems or not isinstance(version, int):
        raise RequestProblem(problems)
    text = {name: body.get(name) or "" for name in TEXT_FIELDS}
    return UpdateBody(UpdateForm(**text), version, confirmed is True)
