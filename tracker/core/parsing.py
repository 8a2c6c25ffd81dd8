"""Reading what people type or send: the value, or None where it is not one. Pure."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

Parsed = TypeVar("Parsed")


def parsed(parse: Callable[[str], Parsed], text: str) -> Parsed | None:
    """`parse(text)`, or None where it is not what `parse` reads (a ValueError)."""
    try:
        return parse(text)
    except ValueError:
        return None
