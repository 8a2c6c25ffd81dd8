"""The glossary, people's names and agencies' short names every page shows, in one read.

Read with the session where the request only reads (tracker.accounts.sessions puts
glossary_column in its query), else on their own when a page is made. Nothing here loads
Litestar: the session's reads are also the command line's.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from contextvars import ContextVar
from typing import Any

from tracker.core.tables import GlossaryTerm

# The glossary, the names of people who have one, and each agency's and agency plan's short
# name (the agency's first, "CSC (additional)" for its additional actions), in the one query
# every page made already for the glossary, so none of them costs a query on any page.
_GLOSSARY_AND_NAMES = (
    "SELECT 'term' AS kind, term AS looked_up, meaning AS said FROM glossary_term "
    "UNION ALL SELECT 'person' AS kind, email AS looked_up, name AS said FROM account "
    "WHERE name <> '' "
    "UNION ALL SELECT 'short' AS kind, agency.name AS looked_up, short_name AS said "
    "FROM agency JOIN agency_short_name AS short ON short.agency = agency.id "
    "WHERE short.id = (SELECT MIN(id) FROM agency_short_name WHERE agency = agency.id) "
    "UNION ALL SELECT 'short' AS kind, plan.name AS looked_up, "
    "short_name || ' (additional)' AS said "
    "FROM plan JOIN agency_short_name AS short ON short.agency = plan.agency "
    "WHERE plan.kind = 'additional' "
    "AND short.id = (SELECT MIN(id) FROM agency_short_name WHERE agency = plan.agency)"
)


def glossary_column(postgres: bool) -> str:
    """The glossary and names as one JSON column, for a query that reads other things too
    (tracker.accounts.sessions reads them with the session: a query less on every page)."""
    listed = "json_agg(json_build_array" if postgres else "json_group_array(json_array"
    return (
        f"(SELECT {listed}(g.kind, g.looked_up, g.said)) FROM ("  # noqa: S608 - constant
        + _GLOSSARY_AND_NAMES
        + ") AS g)"
    )


# This request's glossary and names, if they were read with its session (a read-only
# request's: a write may change them before its page is made).
_read_with_session: ContextVar[dict[str, Any] | None] = ContextVar("glossary", default=None)


def read_with_session(column: Any) -> None:
    """glossary_column's value, read with the session: shared_names gives it this request.
    None (a write): shared_names reads them when the page is made."""
    if column is None:
        _read_with_session.set(None)
        return
    rows = json.loads(column) if isinstance(column, str) else column
    _read_with_session.set(_shared(rows or ()))


def _shared(rows: Iterable[Sequence[str]]) -> dict[str, Any]:
    found: dict[str, dict[str, str]] = {"term": {}, "person": {}, "short": {}}
    for kind, looked_up, said in rows:
        found[kind][looked_up] = said
    return {"glossary": found["term"], "people": found["person"], "short_names": found["short"]}


async def shared_names() -> dict[str, Any]:
    """`glossary` (term: meaning), `people` (email: name) and `short_names` (an agency's or
    its plan's full name: short name): as read with the session, else read now."""
    read = _read_with_session.get()
    if read is not None:
        return read
    rows = await GlossaryTerm.raw(_GLOSSARY_AND_NAMES)
    return _shared((row["kind"], row["looked_up"], row["said"]) for row in rows)
