"""Pages of the action list: how many a page holds, and where the next one starts.

A cursor names the last action of the page before, so a page starts just after it
whatever was added elsewhere meanwhile. Pure: the caller has the matching actions in
their order.
"""

from __future__ import annotations

import base64
import binascii
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

from tracker.api.problems import RequestProblem

DEFAULT_LIMIT = 100
MAX_LIMIT = 1000

Item = TypeVar("Item")


@dataclass(frozen=True)
class Page(Generic[Item]):
    items: Sequence[Item]
    total: int  # every matching action, on every page
    next_cursor: str | None  # None on the last page


def cursor_of(action_id: int) -> str:
    return base64.urlsafe_b64encode(f"after:{action_id}".encode()).decode().rstrip("=")


CURSOR_GONE = "This cursor's action is no longer listed: start again from the first page."


def cursor_action(cursor: str) -> int:
    """The id of the action the cursor names; RequestProblem if it is not a cursor."""
    try:
        text = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode()
    except (binascii.Error, UnicodeDecodeError, ValueError):
        text = ""
    kind, _, number = text.partition(":")
    if kind != "after" or not (number.isascii() and number.isdigit()):
        raise RequestProblem({"cursor": "Give cursor as a Link header's next link gives it."})
    return int(number)


def page_limit(limit: str | None) -> int:
    """The page size asked for: 1 to MAX_LIMIT, DEFAULT_LIMIT if not given."""
    if limit is None or not limit.strip():
        return DEFAULT_LIMIT
    if (
        not (limit.strip().isascii() and limit.strip().isdigit())
        or not 1 <= int(limit) <= MAX_LIMIT
    ):
        raise RequestProblem({"limit": f"Give limit as a whole number from 1 to {MAX_LIMIT}."})
    return int(limit)


def page_of(
    items: Sequence[Item], ids: Sequence[int], *, limit: int, cursor: str | None
) -> Page[Item]:
    """The page of `items` (whose ids are `ids`, in the same order) after `cursor`."""
    start = 0
    if cursor is not None and cursor.strip():
        after = cursor_action(cursor.strip())
        if after not in ids:
            raise RequestProblem({"cursor": CURSOR_GONE})
        start = list(ids).index(after) + 1
    shown = items[start : start + limit]
    more = start + limit < len(items)
    return Page(shown, len(items), cursor_of(ids[start + limit - 1]) if more else None)
