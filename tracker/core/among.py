"""`column IN (ids)` for ids the tracker read itself: written into the SQL as numbers.

Piccolo's `is_in` checks and converts each value in Python: about 2 microseconds a value,
0.1 ms for a page of 50 actions and more for each of a page's five or six reads of them.
Here each id goes through int(), so nothing but a number reaches the SQL text.
"""

from __future__ import annotations

from collections.abc import Iterable

from piccolo.columns import Column
from piccolo.columns.combination import WhereRaw


def among(column: Column, ids: Iterable[int]) -> WhereRaw:
    """The rows whose `column` (of the table queried, not a joined one) is one of `ids`;
    none for no ids."""
    return WhereRaw(in_list(column, id_list(ids)))


def id_list(ids: Iterable[int]) -> str:
    """The ids as SQL text: each through int(), so nothing but numbers; NULL for none."""
    return ",".join(str(int(number)) for number in ids) or "NULL"


def in_list(column: Column, listed: str) -> str:
    """`column IN (listed)`, the column named as the table queried names it."""
    return f"{column._meta.get_full_name(with_alias=False)} IN ({listed})"
