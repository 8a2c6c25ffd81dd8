"""Reading the audit trail: filtered, newest first, a page at a time. Nothing here writes.

Days are the partnership's days (Europe/London): "from 30 Sep 2020" starts at
midnight there, whatever the clocks were doing.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, time, timedelta
from typing import Any
from urllib.parse import urlencode

from piccolo.columns.combination import WhereRaw

from tracker.audit.kinds import KIND_LABELS, AuditKind
from tracker.core.clock import UK
from tracker.core.dates import OUT_OF_RANGE, format_date, read_day
from tracker.core.roles import Role
from tracker.core.tables import AuditEvent

LONDON = UK
PAGE_SIZE = 50

FIELD_LABELS = {
    "rag": "RAG",
    "lead_names": "Lead titles",
    "active": "Can sign in",
    "due": "Due",
    "evidence_link": "Evidence link",
}


@dataclass(frozen=True)
class AuditFilter:
    """Which entries to show. Text filters match anywhere, ignoring case."""

    kind: AuditKind | None = None
    person: str = ""  # the actor's email contains this
    since: date | None = None  # from this day
    until: date | None = None  # to this day, inclusive
    text: str = ""  # the subject or summary contains this
    action_id: int | None = None
    page: int = 1

    def query(self, page: int | None = None) -> str:
        """This filter as a query string, for links to other pages of it."""
        values = {
            "kind": self.kind.value if self.kind else "",
            "person": self.person,
            "from": self.since.isoformat() if self.since else "",
            "to": self.until.isoformat() if self.until else "",
            "text": self.text,
            "action": str(self.action_id) if self.action_id is not None else "",
            "page": str(page or self.page) if (page or self.page) > 1 else "",
        }
        return urlencode({name: value for name, value in values.items() if value})


@dataclass(frozen=True)
class AskedFilter:
    """A filter as typed in the page's form: what it means, and what could not be read."""

    filter: AuditFilter
    typed: dict[str, str]
    problems: list[tuple[str, str]] = field(default_factory=list)  # (field id, message)

    @property
    def by_field(self) -> dict[str, str]:
        return dict(self.problems)


def _day(value: str, field_id: str, problems: list[tuple[str, str]]) -> date | None:
    if not value:
        return None
    try:
        return read_day(value)
    except ValueError as wrong:
        said = str(wrong) if str(wrong) == OUT_OF_RANGE else "Enter a real date"
        problems.append((field_id, f"{said}, for example 30 9 2020"))
        return None


def read_filter(query: Mapping[str, str]) -> AskedFilter:
    """The filter a query string asks for; a part that cannot be read is said, and not applied."""
    typed = {name: str(query.get(name, "")).strip() for name in FILTER_FIELDS}
    problems: list[tuple[str, str]] = []
    kind = None
    if typed["kind"]:
        try:
            kind = AuditKind(typed["kind"])
        except ValueError:
            problems.append(("kind", "Choose a kind of change from the list"))
    since = _day(typed["from"], "from", problems)
    until = _day(typed["to"], "to", problems)
    if since and until and until < since:
        problems.append(("to", "The 'to' date must be the same as or after the 'from' date"))
        until = None
    action_id = None
    if typed["action"]:
        if typed["action"].isdigit() and len(typed["action"]) < 10:
            action_id = int(typed["action"])
        else:
            problems.append(("action", "Enter an action number, like 42"))
    page = int(typed["page"]) if typed["page"].isdigit() and len(typed["page"]) < 7 else 1
    chosen = AuditFilter(
        kind, typed["person"], since, until, typed["text"], action_id, max(page, 1)
    )
    return AskedFilter(chosen, typed, problems)


FILTER_FIELDS = ("kind", "person", "from", "to", "text", "action", "page")


@dataclass(frozen=True)
class Change:
    field: str
    before: str
    after: str


@dataclass(frozen=True)
class Entry:
    id: int
    occurred_at: datetime  # in London time
    actor: str
    kind: str
    kind_label: str
    subject: str
    summary: str
    action_id: int | None
    client: str
    changes: tuple[Change, ...]

    @property
    def when(self) -> str:
        """30 Sep 2020 14:05"""
        return f"{format_date(self.occurred_at.date())} {self.occurred_at:%H:%M}"


@dataclass(frozen=True)
class AuditPage:
    entries: list[Entry]
    total: int
    filter: AuditFilter
    pages: int

    @property
    def previous(self) -> str | None:
        return self.filter.query(self.filter.page - 1) if self.filter.page > 1 else None

    @property
    def next(self) -> str | None:
        return self.filter.query(self.filter.page + 1) if self.filter.page < self.pages else None


def _start_of(day: date) -> datetime:
    return datetime.combine(day, time(), tzinfo=LONDON).astimezone(UTC)


def _contains(text: str) -> str:
    """A LIKE pattern matching `text` anywhere, its own % and _ taken literally."""
    escaped = text.lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def _filtered(query: Any, chosen: AuditFilter) -> Any:
    if chosen.kind is not None:
        query = query.where(AuditEvent.kind == chosen.kind.value)
    if chosen.person:
        query = query.where(
            WhereRaw("fold_case(actor) LIKE {} ESCAPE '\\'", _contains(chosen.person))
        )
    if chosen.since:
        query = query.where(AuditEvent.occurred_at >= _start_of(chosen.since))
    if chosen.until:
        query = query.where(AuditEvent.occurred_at < _start_of(chosen.until + timedelta(days=1)))
    if chosen.text:
        pattern = _contains(chosen.text)
        query = query.where(
            WhereRaw(
                "(fold_case(subject) LIKE {} ESCAPE '\\'"
                " OR fold_case(summary) LIKE {} ESCAPE '\\')",
                pattern,
                pattern,
            )
        )
    if chosen.action_id is not None:
        query = query.where(AuditEvent.action_id == chosen.action_id)
    return query


def shown(value: Any) -> str:
    """A recorded value as a page shows it."""
    if value is None or value == "" or value == []:
        return "(none)"
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, list):
        return "; ".join(shown(item) for item in value)
    if isinstance(value, dict):
        return json.dumps(value, sort_keys=True)
    return str(value)


def _decoded(value: Any) -> dict[str, Any]:
    if isinstance(value, dict):
        return value
    try:
        decoded = json.loads(value or "{}")
    except ValueError:
        return {"value": value}
    return decoded if isinstance(decoded, dict) else {"value": decoded}


def _shown_as(name: str, value: Any) -> str:
    if name == "role" and value in set(Role):
        return Role(value).label
    return shown(value)


def changes(before: Any, after: Any) -> tuple[Change, ...]:
    """Each recorded field, before and after, in the order first recorded."""
    old, new = _decoded(before), _decoded(after)
    names = list(dict.fromkeys([*old, *new]))
    return tuple(
        Change(
            FIELD_LABELS.get(name, name.replace("_", " ").capitalize()),
            _shown_as(name, old[name]) if name in old else "",
            _shown_as(name, new[name]) if name in new else "",
        )
        for name in names
    )


def _entry(row: dict[str, Any]) -> Entry:
    occurred = row["occurred_at"]
    if occurred.tzinfo is None:
        occurred = occurred.replace(tzinfo=UTC)
    kind = row["kind"]
    label = KIND_LABELS.get(AuditKind(kind), kind) if kind in set(AuditKind) else kind
    return Entry(
        row["id"],
        occurred.astimezone(LONDON),
        row["actor"],
        kind,
        label,
        row["subject"],
        row["summary"],
        row["action_id"],
        row["client"],
        changes(row["before"], row["after"]),
    )


async def audit_page(chosen: AuditFilter, page_size: int = PAGE_SIZE) -> AuditPage:
    """One page of the entries `chosen` picks, newest first, and how many it picks in all."""
    total = await _filtered(AuditEvent.count(), chosen)
    pages = max(1, -(-total // page_size))
    chosen = replace(chosen, page=min(chosen.page, pages))
    rows = await (
        _filtered(AuditEvent.select(), chosen)
        .order_by(AuditEvent.occurred_at, AuditEvent.id, ascending=False)
        .limit(page_size)
        .offset((chosen.page - 1) * page_size)
    )
    return AuditPage([_entry(row) for row in rows], total, chosen, pages)
