"""Reading what people type or send: the value, or None where it is not one. Pure."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TypeVar

Parsed = TypeVar("Parsed")


def parsed(parse: Callable[[str], Parsed], text: str) -> Parsed | None:
    """`parse(text)`, or None where it is not what `parse` reads (a ValueError)."""
    try:
        return parse(text)
    except ValueError:
        return None


# Ids are PostgreSQL `integer`s (SERIAL): anything outside this range names no row, and
# asking the database for it is an error there (and over 2^63 on SQLite).
MAX_ID = 2**31 - 1
# A NUL byte (PostgreSQL cannot store one in text) or half of a surrogate pair (no
# database can store one as UTF-8): text holding either is refused, never stored.
UNREADABLE = re.compile("[\x00\ud800-\udfff]")


def is_id(number: int) -> bool:
    """Whether `number` could be a row's id."""
    return 1 <= number <= MAX_ID


def record_id(text: str | None) -> int | None:
    """The id a form or query names, or None where it is not a whole number that could be one."""
    text = (text or "").strip()
    if not (text.isascii() and text.isdigit()) or len(text) > len(str(MAX_ID)):
        return None
    number = int(text)
    return number if is_id(number) else None
