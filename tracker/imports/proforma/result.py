"""The JSON result of an import, as the import contract gives it."""

from __future__ import annotations

import re
from dataclasses import fields
from typing import Any

from tracker.imports.proforma.model import ParsedAction, ParsedPlan, ParsedWorkbook, Problem


def base_name(file_name: str) -> str:
    """The file's own name, whichever the uploader's OS wrote the path with."""
    return re.split(r"[\\/]", file_name)[-1]


def result_json(
    file_name: str, workbook: ParsedWorkbook, *, summary: dict[str, int], dry_run: bool
) -> dict[str, Any]:
    return {
        "file": base_name(file_name),
        "dry_run": dry_run,
        "plans": [_plan(plan) for plan in workbook.plans],
        "summary": dict(summary),
        "errors": [_problem(problem) for problem in workbook.errors],
        "warnings": [_problem(problem) for problem in workbook.warnings],
    }


def _plan(plan: ParsedPlan) -> dict[str, Any]:
    return {
        "sheet": plan.sheet,
        "agency": plan.agency,
        "plan": plan.plan,
        "actions": [_action(action) for action in plan.actions],
    }


# Evidence of impact only comes with a tracker proforma: said only where a sheet gives it,
# so the contract's result for every other sheet stays as it is.
_ACTION_FIELDS = tuple(field.name for field in fields(ParsedAction) if field.name != "impact")


def _action(action: ParsedAction) -> dict[str, Any]:
    # Built by hand: dataclasses.asdict deep-copies every value, which is most
    # of the time a 5,000-action result takes.
    found = {name: getattr(action, name) for name in _ACTION_FIELDS}
    found["due"] = action.due.isoformat() if action.due else None
    if action.impact is not None:
        found["impact"] = action.impact
    return found


def _problem(problem: Problem) -> dict[str, Any]:
    return {
        "sheet": problem.sheet,
        "row": problem.row,
        "column": problem.column,
        "message": problem.message,
    }
