"""Warnings a preview gives before anything is written, when a file may be the wrong one or
dated wrongly: a file named for another quarter than its as-at day, and a return that would
move a Complete action back. Pure."""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date

from tracker.core.dates import Quarter, format_date
from tracker.core.rag import rag_label
from tracker.imports.changes import PlanChanges
from tracker.imports.proforma.model import Problem

# "2020-21-q1", "2020-21 Q1", "2020_21_Q1", "Q1 2020-21": how people name a quarter's file.
_NAMED_QUARTER = re.compile(
    r"(?<!\d)(20\d\d)[-_ ]?(\d\d)[-_ ]*q([1-4])(?!\d)"
    r"|(?<![a-z])q([1-4])[-_ ]*(20\d\d)[-_ ]?(\d\d)(?!\d)",
    re.IGNORECASE,
)


def quarter_named(file_name: str) -> Quarter | None:
    """The financial-year quarter a file's name gives, if it gives one."""
    for match in _NAMED_QUARTER.finditer(file_name):
        if match[1]:
            start, end, number = int(match[1]), int(match[2]), int(match[3])
        else:
            number, start, end = int(match[4]), int(match[5]), int(match[6])
        if (start + 1) % 100 == end:
            return Quarter(start, number)
    return None


def date_warnings(file_name: str, as_at: date) -> tuple[Problem, ...]:
    named = quarter_named(file_name)
    if named is None or named.holds(as_at):
        return ()
    return (
        Problem(
            sheet=None,
            row=None,
            column=None,
            message=(
                f"The file's name says {named.label}, but the return is dated "
                f"{format_date(as_at)} ({Quarter.of(as_at).label}). A {named.label} return "
                f"is as at {format_date(named.last_day)}: check the date before importing."
            ),
        ),
    )


def backward_warnings(changes: Iterable[PlanChanges]) -> tuple[Problem, ...]:
    """An action the tracker has as Complete that the file would rate lower."""
    found = []
    for plan in changes:
        for change in plan.updated:
            rag = next((c for c in change.changes if c.field == "rag"), None)
            if rag is not None and rag.before == "blue" and rag.after != "blue":
                found.append(
                    Problem(
                        sheet=plan.plan.sheet,
                        row=None,
                        column=None,
                        message=(
                            f"Action {change.existing.ref} of {plan.plan.plan} is Complete in "
                            f"the tracker; this file would move it back to {rag_label(rag.after)}. "
                            "Check the file is this quarter's return."
                        ),
                    )
                )
    return tuple(found)
