"""The body of an API update, read from JSON: the update as typed and the version it was made on.

Pure, and lenient about nothing: each field is checked here so the caller is
told which field is wrong, in words, rather than a parser's message.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from tracker.api.bounds import MAX_BODY_BYTES, MAX_ID, MAX_JSON_DEPTH, json_depth, unstorable
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


def _parsed(raw: bytes) -> dict[str, Any]:
    """The body as a JSON object no larger or deeper than an update needs."""
    if len(raw) > MAX_BODY_BYTES:
        raise RequestProblem({"body": f"Send an update of at most {MAX_BODY_BYTES:,} bytes."})
    too_deep = f"Send the update as a flat JSON object, nested at most {MAX_JSON_DEPTH} deep."
    try:
        body: Any = json.loads(raw or b"null")
    except (ValueError, UnicodeDecodeError):
        raise RequestProblem({"body": "Send the update as a JSON object."}) from None
    except RecursionError:  # nested thousands deep: the parser gives up before it ends
        raise RequestProblem({"body": too_deep}) from None
    if json_depth(body) > MAX_JSON_DEPTH:
        raise RequestProblem({"body": too_deep})
    if not isinstance(body, dict):
        raise RequestProblem({"body": "Send the update as a JSON object."})
    return body


def _version_problem(version: object) -> str | None:
    if version is None:
        return "Give the version of the action the update was made on."
    if isinstance(version, bool) or not isinstance(version, int):
        return "Give the version as a whole number, as the action's details show."
    if not 1 <= version <= MAX_ID:
        return f"Give the version as a whole number from 1 to {MAX_ID:,}."
    return None


def read_update_body(raw: bytes) -> UpdateBody:
    body = _parsed(raw)
    problems: dict[str, str] = {}
    version = body.get("version")
    if wrong := _version_problem(version):
        problems["version"] = wrong
    for name in TEXT_FIELDS:
        value = body.get(name)
        if value is not None and not isinstance(value, str):
            problems[name] = f"Give {name} as text."
        elif wrong := unstorable(name, value or ""):
            problems[name] = wrong
    confirmed = body.get(CONFIRM_FIELD, False)
    if not isinstance(confirmed, bool):
        problems[CONFIRM_FIELD] = f"Give {CONFIRM_FIELD} as true or false."
    if problems or not isinstance(version, int):
        raise RequestProblem(problems)
    text = {name: body.get(name) or "" for name in TEXT_FIELDS}
    return UpdateBody(UpdateForm(**text), version, confirmed is True)
