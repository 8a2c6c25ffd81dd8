"""What a chair asks the review page for, read from its query string.

The same query string drives the page, its htmx updates and both downloads,
so a view can be shared as a link. Anything that cannot be read is named
(field id, message) and left out of the filter, never an error page.
Whether a plan, agency, objective or lead exists is checked later, against
the portfolio (see tracker.review.table).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from urllib.parse import urlencode

from tracker.core.paging import DEFAULT_PER_PAGE, read_page_number, read_per_page

# RAG choices as the query writes them; "none" is "Not rated".
RAG_CHOICES = ("red", "amber", "green", "blue", "none")

# Sort keys; "-key" is the same column the other way round.
SORT_LABELS = {
    "plan": "Plan order",
    "-plan": "Plan order, reversed",
    "ref": "Ref, lowest first",
    "-ref": "Ref, highest first",
    "due": "Due date, soonest first",
    "-due": "Due date, latest first",
    "-overdue": "Days overdue, most first",
    "overdue": "Days overdue, fewest first",
    "rag": "RAG, red first",
    "-rag": "RAG, not rated first",
    "updated": "Last update, oldest first",
    "-updated": "Last update, newest first",
    "lead": "Lead, A to Z",
    "-lead": "Lead, Z to A",
}
DEFAULT_SORT = "plan"
# Where a chair clicks a column heading first: the most pressing end of it.
FIRST_CLICK = {"overdue": "-overdue"}

EARLIEST, LATEST = date(2000, 1, 1), date(2099, 12, 31)
_YES = frozenset({"yes", "on", "true", "1"})
_FIELDS = (
    "as_at",
    "plan",
    "agency",
    "objective",
    "component",
    "lead",
    "q",
    "sort",
    "per_page",
    "page",
)
_FLAGS = ("overdue", "due_soon", "stale", "disagrees")


@dataclass(frozen=True)
class ReviewQuery:
    """The view asked for. Ids are as typed; `problems` holds what could not be read."""

    as_at: date
    today: date
    plan: int | None = None
    agency: int | None = None
    objective: int | None = None
    component: int | None = None
    rags: tuple[str, ...] = ()
    lead: str = ""
    overdue: bool = False
    due_soon: bool = False
    stale: bool = False
    disagrees: bool = False  # only where the assurance rating disagrees with the agency
    text: str = ""
    sort: str = DEFAULT_SORT
    per_page: int = DEFAULT_PER_PAGE
    page: int = 1  # as asked: the table shows the last page if this is past it
    typed: Mapping[str, str] = field(default_factory=dict)  # shown back in the form
    problems: tuple[tuple[str, str], ...] = ()

    @property
    def sort_key(self) -> str:
        return self.sort.removeprefix("-")

    @property
    def descending(self) -> bool:
        return self.sort.startswith("-")

    @property
    def by_field(self) -> dict[str, str]:
        return dict(self.problems)

    def query_string(
        self, sort: str | None = None, *, page: int | None = None, paged: bool = True
    ) -> str:
        """This view as a query string: only what differs from the defaults, in a fixed order.

        `page`: that page of the view instead; a new `sort` starts again at the first page.
        `paged=False`: the whole view, as its downloads have it.
        """
        values: list[tuple[str, str]] = []
        if self.as_at != self.today:
            values.append(("as_at", self.as_at.isoformat()))
        for name in ("plan", "agency", "objective", "component"):
            if getattr(self, name) is not None:
                values.append((name, str(getattr(self, name))))
        values += [("rag", rag) for rag in self.rags]
        if self.lead:
            values.append(("lead", self.lead))
        values += [(flag, "yes") for flag in _FLAGS if getattr(self, flag)]
        if self.text:
            values.append(("q", self.text))
        chosen = sort or self.sort
        if chosen != DEFAULT_SORT:
            values.append(("sort", chosen))
        if paged:
            if self.per_page != DEFAULT_PER_PAGE:
                values.append(("per_page", str(self.per_page)))
            number = page if page is not None else (1 if sort else self.page)
            if number != 1:
                values.append(("page", str(number)))
        return urlencode(values)

    def heading_sort(self, key: str) -> str:
        """The sort a column heading's link asks for: the other way round if already sorted."""
        if self.sort_key == key:
            return key if self.descending else f"-{key}"
        return FIRST_CLICK.get(key, key)


def _one(values: Mapping[str, Sequence[str]], name: str) -> str:
    found = values.get(name) or [""]
    return str(found[-1]).strip()


def _id(typed: str, field_id: str, message: str, problems: list[tuple[str, str]]) -> int | None:
    if not typed:
        return None
    if typed.isdigit() and len(typed) < 10:
        return int(typed)
    problems.append((field_id, message))
    return None


def read_review_query(values: Mapping[str, Sequence[str]], today: date) -> ReviewQuery:
    """The view a query string (each name to its values) asks for."""
    typed = {name: _one(values, name) for name in _FIELDS}
    problems: list[tuple[str, str]] = []
    as_at = today
    if typed["as_at"]:
        try:
            asked = date.fromisoformat(typed["as_at"])
        except ValueError:
            problems.append(("as-at", "Enter a real date for 'as at', for example 30 9 2020"))
        else:
            # No plan runs outside these years: such a date is a slip of the keyboard.
            if EARLIEST <= asked <= LATEST:
                as_at = asked
            else:
                problems.append(("as-at", "Enter an 'as at' date between 2000 and 2099"))
    plan = _id(typed["plan"], "plan", "Choose a plan from the list", problems)
    agency = _id(typed["agency"], "agency", "Choose an agency from the list", problems)
    objective = _id(typed["objective"], "objective", "Choose an objective from the list", problems)
    component = _id(
        typed["component"], "component", "Choose a core component from the list", problems
    )
    asked_rags = {str(rag).strip().lower() for rag in values.get("rag", []) if str(rag).strip()}
    if asked_rags - set(RAG_CHOICES):
        problems.append(
            ("rag-red", "Choose RAG ratings from Red, Amber, Green, Complete or Not rated")
        )
    flags = {}
    for flag in _FLAGS:
        given = _one(values, flag).lower()
        flags[flag] = given in _YES
        if given and given not in _YES:
            problems.append((flag.replace("_", "-"), "Tick the box or leave it empty"))
    sort = typed["sort"] or DEFAULT_SORT
    if sort not in SORT_LABELS:
        problems.append(("sort", "Choose an order from the list"))
        sort = DEFAULT_SORT
    per_page, per_page_problem = read_per_page(typed["per_page"])
    if per_page_problem:
        problems.append(("per-page", per_page_problem))
    return ReviewQuery(
        as_at=as_at,
        today=today,
        plan=plan,
        agency=agency,
        objective=objective,
        component=component,
        rags=tuple(rag for rag in RAG_CHOICES if rag in asked_rags),
        lead=typed["lead"],
        text=" ".join(typed["q"].split()),
        sort=sort,
        per_page=per_page,
        page=read_page_number(typed["page"]),
        typed=typed,
        problems=tuple(problems),
        **flags,
    )
