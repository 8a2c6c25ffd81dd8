"""The filters of the action list, as sent in a query string: checked, or a message per field.

Pure: names of plans and agencies are looked up later, against the database.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from tracker.api.bounds import MAX_FILTER_LENGTH, MAX_ID, an_id, unstorable
from tracker.api.problems import RequestProblem
from tracker.core.parsing import parsed

RAG_FILTERS = ("red", "amber", "green", "blue", "none")
_TRUE, _FALSE = frozenset({"true", "yes", "1"}), frozenset({"false", "no", "0"})


@dataclass(frozen=True)
class ActionFilter:
    as_of: date
    plan_id: int | None = None
    plan_name: str | None = None
    agency: str | None = None
    rag: str | None = None  # one of RAG_FILTERS; "none" means not rated yet
    overdue: bool | None = None
    due_soon: bool | None = None
    stale: bool | None = None
    strategy_id: int | None = None  # the chosen strategy's actions alone (None: every one)


def _blank(value: str | None) -> str | None:
    return value.strip() if value and value.strip() else None


def _flag(name: str, value: str | None, problems: dict[str, str]) -> bool | None:
    value = _blank(value)
    if value is None:
        return None
    if value.lower() in _TRUE:
        return True
    if value.lower() in _FALSE:
        return False
    problems[name] = f"Give {name} as true or false."
    return None


def action_filter(
    *,
    today: date,
    plan: str | None = None,
    agency: str | None = None,
    rag: str | None = None,
    overdue: str | None = None,
    due_soon: str | None = None,
    stale: str | None = None,
    as_of: str | None = None,
) -> ActionFilter:
    """The filter the query asks for; raises RequestProblem naming each bad field."""
    problems: dict[str, str] = {}
    given = {"plan": plan, "agency": agency, "rag": rag, "overdue": overdue}
    given |= {"due_soon": due_soon, "stale": stale, "as_of": as_of}
    for name, value in given.items():
        if len(value or "") > MAX_FILTER_LENGTH:
            problems[name] = f"Give {name} in at most {MAX_FILTER_LENGTH} characters."
        elif wrong := unstorable(name, value or ""):
            problems[name] = wrong
    if problems:
        raise RequestProblem(problems)
    plan, agency, rag, as_of = map(_blank, (plan, agency, rag, as_of))
    day = today if as_of is None else parsed(date.fromisoformat, as_of)
    if day is None:
        problems["as_of"] = "Give as_of as a real date, for example 2020-09-30."
    if rag is not None:
        rag = rag.lower()
        if rag not in RAG_FILTERS:
            problems["rag"] = "Give rag as red, amber, green, blue (complete) or none."
    flags = {
        name: _flag(name, value, problems)
        for name, value in (("overdue", overdue), ("due_soon", due_soon), ("stale", stale))
    }
    if problems or day is None:
        raise RequestProblem(problems)
    plan_id = None if plan is None else an_id(plan)
    if plan_id is not None and not 1 <= plan_id <= MAX_ID:
        raise RequestProblem({"plan": "There is no plan with that id."})
    return ActionFilter(
        as_of=day,
        plan_id=plan_id,
        plan_name=plan if plan_id is None else None,
        agency=agency,
        rag=rag,
        overdue=flags["overdue"],
        due_soon=flags["due_soon"],
        stale=flags["stale"],
    )
