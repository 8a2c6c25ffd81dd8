"""Objective and action refs: read from the front of the text, or numbered
in order where the sheet gives none."""

from __future__ import annotations

import re

# "1. Ensure ...", "1) Ensure", "Objective 2: ..." -- but not "1.1 ..."
_OBJECTIVE_REF = re.compile(
    r"^(?:objective\s*)?(\d{1,3})(?![.]\d)(?:\s*[.):\u2013-]\s*|\s+)(?=\S)", re.IGNORECASE
)
# "4.2 ESAT Manager to ...", "4.2. ...", "4.2a) ..."
_ACTION_REF = re.compile(r"^(\d{1,3}(?:\.\d{1,3})+[a-z]?)(?:\s*[.):\u2013-]\s*|\s+)(?=\S)")
# "3. Do ..." or "3) Do ...": the third action of its objective
_ACTION_NUMBER = re.compile(r"^(\d{1,2})\s*[.)]\s+(?=\S)")
_LEADING_NUMBER = re.compile(r"\d+")


def split_objective_ref(text: str) -> tuple[str | None, str]:
    """("1", "Ensure ...") from "1. Ensure ..."; (None, text) without a number."""
    match = _OBJECTIVE_REF.match(text)
    if not match:
        return None, text
    return str(int(match.group(1))), text[match.end() :]


def split_action_ref(text: str, objective_ref: str) -> tuple[str | None, str]:
    """("4.2", "ESAT Manager to ...") from "4.2 ESAT Manager to ..."; an
    action numbered "3." under objective 4 is "4.3"; (None, text) without one."""
    match = _ACTION_REF.match(text)
    if match:
        return match.group(1), text[match.end() :]
    match = _ACTION_NUMBER.match(text)
    if match:
        return f"{objective_ref}.{int(match.group(1))}", text[match.end() :]
    return None, text


class RefNumbering:
    """Numbers unnumbered objectives 1, 2, 3 and unnumbered actions after their
    objective (4.1, 4.2), counting on from the highest ref already seen."""

    def __init__(self) -> None:
        self._highest_objective = 0
        self._highest_action: dict[str, int] = {}

    def objective_ref(self, written: str | None) -> str:
        if written is None:
            written = str(self._highest_objective + 1)
        number = _LEADING_NUMBER.match(written)
        if number:
            self._highest_objective = max(self._highest_objective, int(number.group()))
        return written

    def action_ref(self, objective_ref: str, written: str | None) -> str:
        highest = self._highest_action.get(objective_ref, 0)
        if written is None:
            written = f"{objective_ref}.{highest + 1}"
        prefix, _, rest = written.partition(".")
        number = _LEADING_NUMBER.match(rest)
        if prefix == objective_ref and number:
            self._highest_action[objective_ref] = max(highest, int(number.group()))
        return written
