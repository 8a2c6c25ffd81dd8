"""Piccolo selects whose SQL is made once and run many times with the values of each run.

Piccolo works out a select's SQL afresh every time it runs: its joins, its columns' names
and aliases, its conditions. For a select joining two or three tables that is 0.2 to
0.4 ms of Python, and a page runs ten or more, on every view. A `Frozen` select is built
once for each database kind, with `Given` markers where a run's values go, and its SQL
kept; a run puts its values in their places and sends the SQL as it is. The rows are
Piccolo's raw rows, which for a plain select (no nested output, no JSON loading, no
many-to-many columns) are what the select gives: tests/core/test_frozen.py compares them.

Whatever a run may change must be Given: a value written into the select (a day, say)
is frozen with it. `given_ids` stands for a list of ids: on SQLite written into the SQL
as numbers as tracker.core.among does; on PostgreSQL sent as one array value
(`= ANY($n)`), so that the statement's text is the same whatever the ids, and stays
prepared and planned on its connection.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from enum import Enum
from typing import Any

from piccolo.columns import Column
from piccolo.columns.combination import WhereRaw
from piccolo.query import Select
from piccolo.table import Table

from tracker.core.among import id_list, in_list

_NUMBERED = re.compile(r"\$(\d+)")  # PostgreSQL's placeholders


class Given:
    """Where a run's value named `name` goes in a frozen select."""

    __slots__ = ("name",)

    def __init__(self, name: str) -> None:
        self.name = name

    def __repr__(self) -> str:
        return f"Given({self.name!r})"


def _ids_mark(name: str) -> str:
    return f"__given_ids_{name}__"


def given_ids(column: Column, name: str) -> WhereRaw:
    """`column IN (...)` in a frozen select: the ids named `name` are given at each run.
    `column` is of the table queried, not a joined one."""
    return WhereRaw(in_list(column, _ids_mark(name)))


def _plain(value: Any) -> Any:
    """A value as Piccolo would send it (of what the tracker passes: an Enum's value)."""
    return value.value if isinstance(value, Enum) else value


class _Ids:
    """Where the ids named `name` go, as one array value (PostgreSQL)."""

    __slots__ = ("name",)

    def __init__(self, name: str) -> None:
        self.name = name


# A placeholder, or a list of ids (given_ids), in a frozen select's text.
_SLOT = re.compile(r"(?<!\{)\{\}(?!\})|IN \(__given_ids_(\w+?)__\)")


def _with_id_arrays(
    text: str, values: Sequence[Any]
) -> tuple[str, tuple[Any, ...], tuple[str, ...]]:
    """PostgreSQL: each list of ids given as one array value (`= ANY($n)`), not written
    into the text, so the statement's text is the same on every run. asyncpg then keeps it
    prepared and PostgreSQL plans it once, where a text of its own on each run was prepared
    and planned afresh (a round trip more). The values in the order of their places."""
    kept = iter(values)
    ordered: list[Any] = []

    def slot(found: re.Match[str]) -> str:
        if found.group(1) is None:
            ordered.append(next(kept))
            return "{}"
        ordered.append(_Ids(found.group(1)))
        return "= ANY({})"

    return _SLOT.sub(slot, text), tuple(ordered), ()


class Frozen:
    """A select made by `build` (with Given values and given_ids), its SQL kept for each
    database kind; `rows(**values)` runs it with those values."""

    def __init__(self, build: Callable[[], Select]) -> None:
        self._build = build
        self._table: type[Table] | None = None
        self._made: dict[str, tuple[str, tuple[Any, ...], tuple[str, ...]]] = {}

    def _made_for(
        self, engine_type: str, query: Select | None = None
    ) -> tuple[str, tuple[Any, ...], tuple[str, ...]]:
        [querystring] = (query or self._build()).querystrings
        text, values = querystring.compile_string(engine_type=engine_type)
        text = text.replace("{", "{{").replace("}", "}}")  # literal braces, for Piccolo's raw
        if engine_type == "postgres":
            numbers = [int(found) for found in _NUMBERED.findall(text)]
            if numbers != list(range(1, len(values) + 1)):  # each value once, in order
                raise ValueError(f"Cannot freeze a select numbering its values {numbers}")
            return _with_id_arrays(_NUMBERED.sub("{}", text), values)
        else:
            if text.count("?") != len(values):
                raise ValueError("Cannot freeze a select with a '?' in its text")
            text = text.replace("?", "{}")
        marks = tuple(re.findall(r"__given_ids_(\w+?)__", text))
        return text, tuple(values), marks

    async def rows(
        self, *, limit: int | None = None, offset: int = 0, **values: Any
    ) -> list[dict[str, Any]]:
        """Its rows with these values; the first `limit` from `offset` on, if limited (Piccolo
        writes a select's own limit into its text, so a frozen select has it frozen)."""
        table, built = self._table, None
        if table is None:
            built = self._build()
            table = self._table = built.table
        engine_type = table._meta.db.engine_type
        made = self._made.get(engine_type)
        if made is None:
            made = self._made[engine_type] = self._made_for(engine_type, built)
        text, kept, marks = made
        for name in marks:
            text = text.replace(_ids_mark(name), id_list(values[name]))
        given = [
            _plain(values[value.name])
            if isinstance(value, Given)
            else [int(number) for number in values[value.name]]
            if isinstance(value, _Ids)
            else value
            for value in kept
        ]
        if limit is not None:
            text += f" LIMIT {int(limit)} OFFSET {int(offset)}"
        return await table.raw(text, *given)

    async def first(self, **values: Any) -> dict[str, Any] | None:
        """The first row (build a select of one row: `.limit(1)`), or None."""
        found = await self.rows(**values)
        return found[0] if found else None
