"""The review view read by the database: its filters, sort, counts and page.

tracker.review.table is the reference: the same view worked out in Python over a
loaded Portfolio, with overdue, due soon and stale by tracker.plans.slipping and
assurance by tracker.assurance.rules. Here the database does it over every action
of the chosen strategy that counts on the day (not withdrawn on or before it), and
only the rows of the page asked for (or of a download's batch) are loaded into
Python. tests/review/test_review_in_sql.py checks both give the same rows, in the
same order, with the same counts, on generated data, on SQLite and PostgreSQL.

A fixed number of queries whatever the number of actions.
"""

from __future__ import annotations

import asyncio
import hashlib
from collections.abc import AsyncIterator, Iterator, Sequence
from dataclasses import asdict, dataclass, replace
from datetime import date
from typing import Any

import anyio.from_thread

from tracker.core.kept_counts import keep, kept, seen_now
from tracker.core.paging import paging
from tracker.core.tables import Action
from tracker.plans.portfolio import PlanInfo, PortfolioAction
from tracker.plans.statuses import all_dated_by
from tracker.review.matches import Matches
from tracker.review.query import ReviewQuery
from tracker.review.reads import actions_of, choice_rows, choices_from, strategy_plans
from tracker.review.sql import (
    RAG_RANK as _RAG_RANK,
)
from tracker.review.sql import (
    WORDS as _WORDS,
)
from tracker.review.sql import (
    Sql as _Sql,
)
from tracker.review.sql import (
    counting_from as _from,
)
from tracker.review.sql import (
    disagrees as _disagrees,
)
from tracker.review.sql import (
    due_soon as _due_soon,
)
from tracker.review.sql import (
    like as _like,
)
from tracker.review.sql import (
    overdue as _overdue,
)
from tracker.review.sql import (
    postgres as _postgres,
)
from tracker.review.sql import (
    ref_order as _ref_order,
)
from tracker.review.sql import (
    stale as _stale,
)
from tracker.review.table import Choices, ReviewTable, Tally, known_only

BATCH = 500  # rows a download loads at a time


def _filters(sql: _Sql, query: ReviewQuery) -> _Sql:
    """tracker.review.table.matches, as conditions."""
    day = query.as_at
    for column, value in (
        ("a.plan", query.plan),
        ("p.agency", query.agency),
        ("a.objective", query.objective),
    ):
        if value is not None:
            sql.add(f" AND {column} = {{}}", value)
    if query.component is not None:
        sql.add(
            " AND EXISTS (SELECT 1 FROM action_core_component AS t"
            " JOIN core_component AS c ON c.id = t.core_component"
            " WHERE t.action = a.id AND c.number = {})",
            query.component,
        )
    if query.rags:
        rated = [rag for rag in query.rags if rag != "none"]
        either = []
        if rated:
            either.append("u.rag IN (" + ", ".join("{}" for _ in rated) + ")")
        if "none" in query.rags:
            either.append("u.rag IS NULL")
        sql.add(" AND (" + " OR ".join(either) + ")", *rated)
    if query.lead:
        sql.add(" AND a.lead = {}", query.lead)
    for asked, condition in (
        (query.overdue, _overdue),
        (query.due_soon, _due_soon),
        (query.stale, _stale),
        (query.disagrees, _disagrees),
    ):
        if asked:
            text, values = condition(day)
            sql.add(" AND " + text, *values)
    for word in query.text.lower().split():
        sql.add(f" AND {_WORDS} LIKE {{}} ESCAPE '\\'", _like(word))
    return sql


def _plan_rank(plans: Sequence[PlanInfo]) -> tuple[str, list[Any]]:
    if not plans:
        return "0", []
    whens = " ".join("WHEN {} THEN " + str(index) for index in range(len(plans)))
    return f"(CASE a.plan {whens} ELSE {len(plans)} END)", [plan.id for plan in plans]


def _lead() -> str:
    lowered = "fold_case(NULLIF(a.lead, ''))"  # no lead and an empty one: equal, and last
    return f'{lowered} COLLATE "C"' if _postgres() else lowered


async def _order(sql: _Sql, query: ReviewQuery, plans: Sequence[PlanInfo]) -> _Sql:
    """tracker.review.table.sorted_rows, as ORDER BY: ties in plan order."""
    key, descending = query.sort_key, query.descending
    rank, rank_values = _plan_rank(plans)
    ties: list[tuple[str, list[Any], bool]] = [
        (rank, rank_values, False),
        ("a.position", [], False),
        ("a.id", [], False),
    ]
    keys: list[tuple[str, list[Any], bool]]
    if key == "plan":
        keys = [(text, values, descending) for text, values, _ in ties]
    elif key == "ref":
        # Fewer numbers first (1 before 1.1), as a shorter tuple is: NULLs first going up.
        nulls = " NULLS LAST" if descending else " NULLS FIRST"
        numbers, text = _ref_order()
        keys = [(part + nulls, [], descending) for part in numbers]
        keys += [(text, [], descending), *ties]
    elif key == "due":
        keys = [
            ("CASE WHEN a.due IS NULL THEN 1 ELSE 0 END", [], False),
            ("a.due", [], descending),
            *ties,
        ]
    elif key == "overdue":
        overdue, values = _overdue(query.as_at)
        keys = [
            (f"CASE WHEN {overdue} THEN 1 ELSE 0 END", values, descending),
            (f"CASE WHEN {overdue} THEN a.due END", values, not descending),
            *ties,
        ]
    elif key == "rag":
        keys = [(_RAG_RANK, [], descending), *ties]
    elif key == "updated":
        keys = [
            ("CASE WHEN u.as_at IS NULL THEN 0 ELSE 1 END", [], descending),
            ("u.as_at", [], descending),
            *ties,
        ]
    else:  # lead
        keys = [
            ("CASE WHEN a.lead IS NULL OR a.lead = '' THEN 1 ELSE 0 END", [], False),
            (_lead(), [], descending),
            *ties,
        ]
    sql.add(" ORDER BY ")
    for index, (text, values, down) in enumerate(keys):
        if down and " NULLS " in text:
            text = text.replace(" NULLS ", " DESC NULLS ")
            down = False
        sql.add((", " if index else "") + text + (" DESC" if down else ""), *values)
    return sql


def _tally_columns(day: date) -> tuple[str, list[Any]]:
    """The view's counts as aggregate columns."""
    sums = []
    values: list[Any] = []
    for condition in (_overdue, _due_soon, _stale, _disagrees):
        text, found = condition(day)
        sums.append(f"SUM(CASE WHEN {text} THEN 1 ELSE 0 END)")
        values += found
    text = (
        "COUNT(*) AS matching, "
        + ", ".join(f"{total} AS n{index}" for index, total in enumerate(sums))
        + ", SUM(CASE WHEN u.rag = 'red' THEN 1 ELSE 0 END) AS red"
    )
    return text, values


def _tally_of(row: dict[str, Any]) -> Tally:
    return Tally(
        matching=int(row["matching"] or 0),
        overdue=int(row["n0"] or 0),
        due_soon=int(row["n1"] or 0),
        stale=int(row["n2"] or 0),
        disagreeing=int(row["n3"] or 0),
        red=int(row["red"] or 0),
    )


async def _ids(
    query: ReviewQuery,
    strategy_id: int,
    plans: Sequence[PlanInfo],
    *,
    latest: bool = False,
) -> list[dict[str, Any]]:
    """Every matching action's id in the view's order (`latest`: no update is dated after
    the day, tracker.plans.statuses.standing_join)."""
    sql = _Sql("SELECT a.id AS id")
    from_part = _from(query.as_at, strategy_id, latest=latest)
    sql.add(from_part.text, *from_part.values)
    await _order(_filters(sql, query), query, plans)
    return await Action.raw(sql.text, *sql.values)


async def _tally(query: ReviewQuery, strategy_id: int, latest: bool) -> Tally:
    """The view's counts over every match (tracker.review.table.tally)."""
    text, values = _tally_columns(query.as_at)
    sql = _Sql().add("SELECT " + text, *values)
    from_part = _from(query.as_at, strategy_id, latest=latest)
    sql.add(from_part.text, *from_part.values)
    return _tally_of((await Action.raw(*_args(_filters(sql, query))))[0])


def _args(sql: _Sql) -> list[Any]:
    return [sql.text, *sql.values]


@dataclass(frozen=True)
class ReviewView:
    """The view worked out by the database: the table for the page, and what a download
    needs to list every matching row in order."""

    table: ReviewTable
    strategy_id: int | None
    plans: tuple[PlanInfo, ...]
    latest: bool = False  # no update dated after the day: the kept latest updates serve
    matches: Matches | None = None  # every matching action, in the view's order

    @property
    def ids(self) -> tuple[int, ...]:
        return tuple(self.matches.every()) if self.matches else ()


VIEW = "review view "  # the kinds of kept views: this and a digest of the filters and sort
MOST_VIEWS = 200  # kept for a strategy at once (a search's words make a view of its own)


def view_kind(query: ReviewQuery) -> str:
    """The kind a view's matches are kept under: its filters and sort, not its page."""
    digest = hashlib.sha256(query.query_string(paged=False).encode()).hexdigest()
    return VIEW + digest[:24]


async def matching(
    query: ReviewQuery,
    strategy_id: int,
    plans: Sequence[PlanInfo],
    latest: bool,
    found: dict[date, Any] | None = None,
) -> tuple[Matches, Tally]:
    """Every matching action's id in the view's order, and the view's counts: kept between
    views until a change ends them (tracker.core.kept_counts, migration 0029), as a chair
    pages through a view or comes back to it. `found`: what `kept` gave for this view, if
    it was read already."""
    kind = view_kind(query)
    if found is None:
        found = await kept(kind, strategy_id, [query.as_at], view=True)
    if query.as_at in found and isinstance(found[query.as_at][0], str):
        text, counts = found[query.as_at]
        return Matches(text), Tally(**counts)
    # What a query before both saw: a change either missed is one it did not see.
    seen = await seen_now()
    # Apart, the ids' query keeps only its rows while sorting and the counts' only sums:
    # about half the time of one query doing both, and they run side by side.
    rows, tally = await asyncio.gather(
        _ids(query, strategy_id, plans, latest=latest), _tally(query, strategy_id, latest)
    )
    found_now = Matches.of([row["id"] for row in rows])
    await keep(
        kind,
        strategy_id,
        {query.as_at: ([found_now.text, asdict(tally)], seen)},
        at_most=(VIEW, MOST_VIEWS),
    )
    return found_now, tally


async def review_view(
    query: ReviewQuery, strategy_id: int | None, *, with_page: bool = True
) -> ReviewView:
    """The review table for `query` over the strategy's actions: its page's rows only
    (none if not `with_page`: a download reads every row, a batch at a time)."""
    if strategy_id is None:
        empty = Choices((), (), (), (), ())
        checked, problems = known_only(query, empty)
        return ReviewView(
            ReviewTable(
                query=checked,
                choices=empty,
                shown=(),
                tally=Tally(),
                total=0,
                problems=(*query.problems, *problems),
                paging=paging(1, checked.per_page, 0),
            ),
            None,
            (),
        )
    # What does not depend on the rest, at once: the plans, whether the day is on or after
    # every update's, the filters' choices and the view as asked, if it is kept.
    plans, latest, read, kept_view = await asyncio.gather(
        strategy_plans(strategy_id),
        all_dated_by(query.as_at),
        choice_rows(query.as_at, strategy_id),
        kept(view_kind(query), strategy_id, [query.as_at], view=True),
    )
    offered, total = choices_from(read, plans)
    checked, problems = known_only(query, offered)  # a filter nothing has is dropped
    # Kept as asked only if nothing was dropped: else the view of what is left is read.
    asked_as_is = view_kind(checked) == view_kind(query)
    found, tally = await matching(
        checked, strategy_id, plans, latest, kept_view if asked_as_is else None
    )
    pages = paging(checked.page, checked.per_page, tally.matching)  # past the end: the last
    shown = found.page(pages.start, pages.end) if with_page else []
    return ReviewView(
        ReviewTable(
            query=replace(checked, page=pages.number),
            choices=offered,
            shown=await actions_of(shown, checked.as_at, latest),
            tally=tally,
            total=int(total or 0),
            problems=(*query.problems, *problems),
            paging=pages,
        ),
        strategy_id,
        tuple(plans),
        latest,
        found,
    )


async def matching_ids(view: ReviewView) -> list[int]:
    """Every matching action's id, in the view's order (a number each: small beside rows)."""
    return list(view.ids)


async def every_row(
    view: ReviewView, batch: int = BATCH
) -> AsyncIterator[tuple[PortfolioAction, ...]]:
    """Every matching row of the view, in order, `batch` at a time: only one batch is held
    at once, whatever the number of rows."""
    ids = await matching_ids(view)
    for start in range(0, len(ids), batch):
        yield await actions_of(ids[start : start + batch], view.table.query.as_at, view.latest)


def rows_in_batches(
    ids: Sequence[int], as_at: date, latest: bool, batch: int = BATCH
) -> Iterator[PortfolioAction]:
    """Those actions in order, for code running in a worker thread: each batch is read
    through the event loop while the thread writes the batch before it, so at most two
    batches are held at once."""
    chunks = [ids[start : start + batch] for start in range(0, len(ids), batch)]

    def reading(chunk: Sequence[int]) -> asyncio.Task[tuple[PortfolioAction, ...]]:
        return anyio.from_thread.run_sync(
            lambda: asyncio.ensure_future(actions_of(chunk, as_at, latest))
        )

    pending = [reading(chunks[0])] if chunks else []
    try:
        for index in range(len(chunks)):
            rows = anyio.from_thread.run(_result, pending.pop())
            if index + 1 < len(chunks):
                pending.append(reading(chunks[index + 1]))
            yield from rows
    finally:  # the writing stopped part way: the batch being read is not wanted
        for task in pending:
            try:
                anyio.from_thread.run_sync(task.cancel)
            except RuntimeError:  # closed from the event loop's own thread
                task.cancel()


async def _result(task: asyncio.Task[tuple[PortfolioAction, ...]]) -> tuple[PortfolioAction, ...]:
    return await task
