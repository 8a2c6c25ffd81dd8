"""The review's SQL pieces: each filter as a condition over `a` (an action) and `u` (its
update standing on the day), tracker.plans.slipping's and tracker.assurance.rules' rules
written for the database (tracker.review.queries puts them together)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from tracker.core.dates import Quarter
from tracker.core.rag import RAG_ORDER
from tracker.core.tables import Action
from tracker.plans.slipping import COMPLETE, DUE_SOON_DAYS
from tracker.plans.statuses import standing_join


def postgres() -> bool:
    return Action._meta.db.engine_type == "postgres"


@dataclass
class Sql:
    """SQL text with `{}` for each value, and the values in the same order."""

    text: str = ""
    values: list[Any] = field(default_factory=list)

    def add(self, text: str, *values: Any) -> Sql:
        if text.count("{}") != len(values):
            raise ValueError(f"{len(values)} values for {text!r}")
        self.text += text
        self.values.extend(values)
        return self


# What each action's status says as at the day, as SQL over `a` (action) and `u` (its
# update standing on the day, NULL columns when none): tracker.plans.slipping's rules.
OPEN = f"COALESCE(u.rag, '') <> '{COMPLETE}'"
DATED = f"(a.due IS NOT NULL AND a.recurring IS NULL AND {OPEN})"


def overdue(day: date) -> tuple[str, list[Any]]:
    return f"({DATED} AND a.due < {{}})", [day]


def due_soon(day: date) -> tuple[str, list[Any]]:
    return f"({DATED} AND a.due >= {{}} AND a.due <= {{}})", [
        day,
        day + timedelta(days=DUE_SOON_DAYS),
    ]


def stale(day: date) -> tuple[str, list[Any]]:
    # u.as_at is never after the day: the update standing on it.
    return f"({OPEN} AND (u.as_at IS NULL OR u.as_at < {{}}))", [Quarter.of(day).first_day]


def quarter_end() -> str:
    """The last day of an assurance rating r's quarter (its slug: 2020-21-Q2)."""
    year = "substr(r.quarter, 1, 4)"
    end = (
        f"CASE substr(r.quarter, 10, 1) WHEN '1' THEN {year} || '-06-30' "
        f"WHEN '2' THEN {year} || '-09-30' WHEN '3' THEN {year} || '-12-31' "
        f"ELSE CAST(CAST({year} AS INTEGER) + 1 AS TEXT) || '-03-31' END"
    )
    return f"CAST({end} AS DATE)" if postgres() else end


def disagrees(day: date) -> tuple[str, list[Any]]:
    """Whether `a`'s assurance as at the day disagrees (tracker.assurance.rules): its rating
    for the latest quarter up to the day's differs from the agency's own RAG at the end of
    that quarter, or on the day if it has not ended."""
    quarter = Quarter.of(day).slug
    given = "CAST({} AS DATE)" if postgres() else "{}"
    # Constant text (S608): the day and quarter are parameters.
    assured = (
        "SELECT r.action AS action, r.rag AS rag, CASE WHEN r.quarter = {} THEN "  # noqa: S608
        + given
        + " ELSE "
        + quarter_end()
        + " END AS day FROM assurance_rating AS r WHERE r.quarter = ("
        " SELECT MAX(r2.quarter) FROM assurance_rating AS r2"
        " WHERE r2.action = r.action AND r2.quarter <= {})"
    )
    agency = """
        SELECT v.rag FROM action_update AS v WHERE v.action = s.action AND v.as_at <= s.day
        ORDER BY v.as_at DESC, v.recorded_at DESC, v.id DESC LIMIT 1
    """
    text = (
        f"(a.id IN (SELECT s.action FROM ({assured}) AS s "  # noqa: S608 - constant text
        f"WHERE s.rag <> COALESCE(({agency}), '')))"
    )
    return text, [quarter, day, quarter]


RAG_RANK = (
    "CASE u.rag "
    + " ".join(f"WHEN '{rag}' THEN {rank}" for rank, rag in enumerate(RAG_ORDER) if rag)
    + f" ELSE {len(RAG_ORDER) - 1} END"
)


def counting_from(
    day: date, strategy_id: int, *, standing: bool = True, latest: bool = False
) -> Sql:
    """The actions of the strategy that count on the day, each with its standing update
    (`latest`: no update is dated after the day, tracker.plans.statuses.standing_join)."""
    sql = Sql(
        " FROM action AS a JOIN plan AS p ON p.id = a.plan"
        " JOIN objective AS o ON o.id = a.objective "
    )
    if standing:
        sql.add(standing_join("v.rag, v.as_at, v.progress", latest=latest), day)
    return sql.add(
        " WHERE p.strategy = {} AND (a.withdrawn_on IS NULL OR a.withdrawn_on > {})"
        " AND (a.added_on IS NULL OR a.added_on <= {})",
        strategy_id,
        day,
        day,
    )


def like(word: str) -> str:
    return "%" + re.sub(r"([\\%_])", r"\\\1", word) + "%"


WORDS = (
    "fold_case(a.text || ' ' || a.ref || ' ' || COALESCE(a.lead, '') || ' '"
    " || COALESCE(u.progress, '') || ' ' || o.text)"
)


def ref_order() -> tuple[list[str], str]:
    """The first three numbers of a ref (1.10.2: 1, 10, 2; NULL where there are fewer),
    so 1.2 sorts before 1.10 (tracker.review.table.ref_key), then the ref itself. Refs
    with letters or more than three numbers sort by those numbers, then as text.
    (The numbers' sort keys, fewer numbers first going up; the ref's.)"""
    if postgres():  # kept by the database as the ref is written (migration 0026)
        return ["a.ref_n1", "a.ref_n2", "a.ref_n3"], 'a.ref COLLATE "C"'
    return [_SQLITE_REF_KEY], "a.ref"


def _sqlite_ref_key() -> str:
    """SQLite: the three numbers as one text key, worked out once a row in a subquery (as
    expressions they were worked out for each use: 40 ms for 2,000 refs, not 6). Each part
    is 0 where the ref has no such number, else 1 and the number in 20 digits."""
    # Separators as the rule splits on them ([.\s]+): each run of spaces and dots as one dot.
    dotted = "TRIM(a.ref, ' ' || char(9) || char(10) || char(13))"
    for blank in ("char(9)", "char(10)", "char(13)", "' '"):
        dotted = f"REPLACE({dotted}, {blank}, '.')"
    for _ in range(3):  # up to 8 separators in a row
        dotted = f"REPLACE({dotted}, '..', '.')"

    def after_dot(name: str) -> str:
        return f"CASE WHEN instr({name}, '.') > 0 THEN substr({name}, instr({name}, '.') + 1) END"

    def part(name: str) -> str:
        number = f"'1' || printf('%020d', CAST({name} AS INTEGER))"
        return f"CASE WHEN {name} GLOB '[0-9]*' THEN {number} ELSE '0' END"

    first = f"SELECT {dotted} AS d"
    # Constant text, built here once: no value is written into it.
    second = f"SELECT d, {after_dot('d')} AS r1 FROM ({first})"  # noqa: S608
    third = f"SELECT d, r1, {after_dot('r1')} AS r2 FROM ({second})"  # noqa: S608
    return f"(SELECT {part('d')} || {part('r1')} || {part('r2')} FROM ({third}))"  # noqa: S608


_SQLITE_REF_KEY = _sqlite_ref_key()
