"""The review table: the portfolio's actions, filtered and sorted as a chair asked.

Pure: it works on a loaded Portfolio. The pages ask the database instead
(tracker.review.queries), which gives the same rows, order and counts; this is
the reference it is tested against. Overdue, due soon and stale come from
tracker.plans.slipping through the portfolio, never worked out again here.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from tracker.core.dates import Quarter, days_text, format_date
from tracker.core.paging import Paging, paging
from tracker.core.rag import RAG_ORDER, rag_label
from tracker.plans.portfolio import Portfolio, PortfolioAction
from tracker.review.query import SORT_LABELS, ReviewQuery


@dataclass(frozen=True)
class Choice:
    value: str
    label: str


@dataclass(frozen=True)
class ObjectiveGroup:
    plan: str
    objectives: tuple[Choice, ...]


@dataclass(frozen=True)
class Choices:
    """What the filter form offers: only things that exist, so a typo cannot hide actions."""

    plans: tuple[Choice, ...]
    agencies: tuple[Choice, ...]
    objectives: tuple[ObjectiveGroup, ...]
    components: tuple[Choice, ...]
    leads: tuple[str, ...]


@dataclass(frozen=True)
class Tally:
    """The view's counts, over every matching action (not only the page's)."""

    matching: int = 0
    overdue: int = 0
    due_soon: int = 0
    stale: int = 0
    red: int = 0
    disagreeing: int = 0


@dataclass(frozen=True)
class ReviewTable:
    query: ReviewQuery
    choices: Choices
    shown: tuple[PortfolioAction, ...]  # the rows of the page asked for
    tally: Tally
    total: int  # every action in the portfolio, before filtering
    problems: tuple[tuple[str, str], ...]  # the query's, and ids or leads that do not exist
    paging: Paging
    # Every matching action, on every page: only the pure table (review_table, the
    # reference) holds them; the database's (tracker.review.queries) holds only `shown`.
    rows: tuple[PortfolioAction, ...] = ()

    @property
    def by_field(self) -> dict[str, str]:
        return dict(self.problems)

    @property
    def matching(self) -> int:
        return self.tally.matching

    @property
    def overdue(self) -> int:
        return self.tally.overdue

    @property
    def due_soon(self) -> int:
        return self.tally.due_soon

    @property
    def stale(self) -> int:
        return self.tally.stale

    @property
    def red(self) -> int:
        return self.tally.red

    @property
    def disagreeing(self) -> int:
        return self.tally.disagreeing


def tally(rows: Iterable[PortfolioAction]) -> Tally:
    listed = list(rows)
    return Tally(
        matching=len(listed),
        overdue=sum(1 for row in listed if row.slipping.overdue),
        due_soon=sum(1 for row in listed if row.slipping.due_soon),
        stale=sum(1 for row in listed if row.slipping.stale),
        red=sum(1 for row in listed if row.rag == "red"),
        disagreeing=sum(1 for row in listed if row.assurance and row.assurance.disagrees),
    )


def lead_order(lead: str) -> tuple[str, str]:
    """A to Z ignoring case; leads that differ only in case in a fixed order."""
    return (lead.lower(), lead)


def choices(portfolio: Portfolio) -> Choices:
    groups: dict[int, dict[int, Choice]] = {}
    for action in portfolio.actions:
        groups.setdefault(action.plan_id, {})[action.objective_id] = Choice(
            str(action.objective_id), f"{action.objective_ref}. {action.objective_text}"
        )
    plan_names = {plan.id: plan.name for plan in portfolio.plans}
    return Choices(
        plans=tuple(Choice(str(plan.id), plan.name) for plan in portfolio.plans),
        agencies=tuple(Choice(str(agency.id), agency.name) for agency in portfolio.agencies),
        objectives=tuple(
            ObjectiveGroup(plan_names[plan_id], tuple(objectives.values()))
            for plan_id, objectives in groups.items()
        ),
        components=tuple(
            Choice(str(component.number), f"{component.number}. {component.text}")
            for component in portfolio.components
        ),
        leads=tuple(
            sorted({action.lead for action in portfolio.actions if action.lead}, key=lead_order)
        ),
    )


def known_only(query: ReviewQuery, offered: Choices) -> tuple[ReviewQuery, list[tuple[str, str]]]:
    """The query without ids or leads that nothing has, and a message for each one dropped."""
    problems: list[tuple[str, str]] = []
    checks: list[tuple[str, Any, Iterable[str], str]] = [
        ("plan", query.plan, (c.value for c in offered.plans), "There is no such plan"),
        ("agency", query.agency, (c.value for c in offered.agencies), "There is no such agency"),
        (
            "objective",
            query.objective,
            (c.value for group in offered.objectives for c in group.objectives),
            "No action is against that objective",
        ),
        (
            "component",
            query.component,
            (c.value for c in offered.components),
            "There is no such core component",
        ),
    ]
    cleared: dict[str, Any] = {}
    for name, asked, known, message in checks:
        if asked is not None and str(asked) not in set(known):
            problems.append((name, f"{message}: choose one from the list"))
            cleared[name] = None
    if query.lead and query.lead not in offered.leads:
        problems.append(
            ("lead", f"No action has the lead '{query.lead}': choose one from the list")
        )
        cleared["lead"] = ""
    if not cleared:
        return query, problems
    return replace(query, **cleared), problems


def _words(action: PortfolioAction) -> str:
    return " ".join(
        part or ""
        for part in (action.text, action.ref, action.lead, action.progress, action.objective_text)
    ).lower()


def matches(action: PortfolioAction, query: ReviewQuery) -> bool:
    """Every filter at once. Free text: each word appears in the action's text, ref, lead,
    progress or objective, in any case."""
    rag = action.rag if action.rag is not None else "none"
    return (
        (query.plan is None or action.plan_id == query.plan)
        and (query.agency is None or action.agency_id == query.agency)
        and (query.objective is None or action.objective_id == query.objective)
        and (query.component is None or query.component in action.components)
        and (not query.rags or rag in query.rags)
        and (not query.lead or action.lead == query.lead)
        and (not query.overdue or action.slipping.overdue)
        and (not query.due_soon or action.slipping.due_soon)
        and (not query.stale or action.slipping.stale)
        and (not query.disagrees or (action.assurance is not None and action.assurance.disagrees))
        and all(word in _words(action) for word in query.text.lower().split())
    )


def ref_key(ref: str) -> tuple[int | str, ...]:
    """1.2 before 1.10: numbers compared as numbers."""
    return tuple(int(part) if part.isdigit() else part for part in re.split(r"[.\s]+", ref) if part)


# Each sort: how to compare two actions, and whether one without a value goes last.
_SORTS: dict[str, Callable[[PortfolioAction], Any]] = {
    "ref": lambda action: ref_key(action.ref),
    "due": lambda action: action.due,
    "overdue": lambda action: action.slipping.days_overdue,
    "rag": lambda action: RAG_ORDER.index(action.rag if action.rag in RAG_ORDER else None),
    # Never updated is the oldest of all: first when the oldest come first.
    "updated": lambda action: action.status_as_at or date.min,
    "lead": lambda action: action.lead.lower() if action.lead else None,
}


def sorted_rows(rows: Iterable[PortfolioAction], sort: str) -> list[PortfolioAction]:
    """In plan order (the portfolio's) unless asked otherwise; ties keep plan order.
    Actions with no due date or no lead go last whichever way round."""
    ordered = list(rows)
    key = sort.removeprefix("-")
    descending = sort.startswith("-")
    if key == "plan":
        return ordered[::-1] if descending else ordered
    value = _SORTS[key]
    keyed = [(value(row), row) for row in ordered]  # each key worked out once
    known = [(found, row) for found, row in keyed if found is not None]
    unknown = [row for found, row in keyed if found is None]
    known.sort(key=lambda pair: pair[0], reverse=descending)
    return [row for _, row in known] + unknown


def review_table(portfolio: Portfolio, query: ReviewQuery) -> ReviewTable:
    offered = choices(portfolio)
    checked, problems = known_only(query, offered)
    rows = sorted_rows(
        (action for action in portfolio.actions if matches(action, checked)), checked.sort
    )
    pages = paging(checked.page, checked.per_page, len(rows))
    return ReviewTable(
        query=replace(checked, page=pages.number),
        choices=offered,
        shown=tuple(rows[pages.start : pages.end]),
        tally=tally(rows),
        rows=tuple(rows),
        total=len(portfolio.actions),
        problems=(*query.problems, *problems),
        paging=pages,
    )


def due_note(action: PortfolioAction) -> str:
    """How the due date stands as at the view's day, in words."""
    slipping = action.slipping
    if slipping.overdue:
        return f"{days_text(slipping.days_overdue)} overdue"
    if slipping.due_soon and slipping.days_to_due is not None:
        days = slipping.days_to_due
        return "due today" if days == 0 else f"due in {days_text(days)}"
    return ""


def short_text(text: str | None, limit: int = 160) -> str:
    """The start of `text` on one line, cut at a word and marked with an ellipsis."""
    flat = " ".join((text or "").split())
    if len(flat) <= limit:
        return flat
    cut = flat[:limit].rsplit(" ", 1)[0]
    return cut.rstrip(" ,;:.-") + "…"


def about(table: ReviewTable) -> list[tuple[str, str]]:
    """Which view this is, in words, for a download that travels without its page."""
    query, offered = table.query, table.choices

    def label_of(options: Iterable[Choice], value: int | None) -> str:
        return next((choice.label for choice in options if choice.value == str(value)), "")

    filters = [
        ("Plan", label_of(offered.plans, query.plan)),
        ("Agency", label_of(offered.agencies, query.agency)),
        (
            "Objective",
            label_of((c for g in offered.objectives for c in g.objectives), query.objective),
        ),
        ("Core component", label_of(offered.components, query.component)),
        ("RAG", ", ".join(rag_label(None if rag == "none" else rag) for rag in query.rags)),
        ("Lead", query.lead),
        ("Text", f"“{query.text}”" if query.text else ""),
    ]
    said = [f"{name}: {value}" for name, value in filters if value]
    said += [
        word
        for word, on in (
            ("Overdue", query.overdue),
            ("Due soon", query.due_soon),
            ("Stale", query.stale),
            ("Assurance rating disagrees", query.disagrees),
        )
        if on
    ]
    return [
        ("As at", f"{format_date(query.as_at)} ({Quarter.of(query.as_at).label})"),
        ("Filters", "; ".join(said) or "None: every action"),
        ("Sorted by", SORT_LABELS[query.sort]),
        ("Actions", f"{table.matching} of {table.total}"),
        # The actions sheet names core components by number: what each number stands for.
        *((f"Core component {choice.value}", choice.label) for choice in offered.components),
    ]
