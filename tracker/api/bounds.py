"""The bounds of what the API takes, checked before anything reaches the database. Pure.

Ids fit PostgreSQL's `integer`; text holds no NUL character (PostgreSQL cannot store one)
and no half of a UTF-16 surrogate pair (no database can store one as UTF-8); a JSON body is
small and shallow. Each is refused with a message naming the field.
"""

from __future__ import annotations

from tracker.core.parsing import MAX_ID, UNREADABLE

__all__ = ["MAX_ID"]

# An update is a flat object of a few short texts: far below either limit.
MAX_BODY_BYTES = 100_000
MAX_JSON_DEPTH = 16
# A query's filter (a plan's or an agency's name, a flag, a date): far longer than any name.
MAX_FILTER_LENGTH = 200


def unstorable(name: str, text: str) -> str | None:
    """What is wrong with `text` as the value of `name`, or None when it can be stored."""
    found = UNREADABLE.search(text)
    if found is None:
        return None
    if found.group() == "\x00":
        return f"Remove the NUL character from {name}."
    return f"Give {name} as valid Unicode text (it holds half of a surrogate pair)."


def an_id(text: str) -> int | None:
    """The id `text` names when written in the digits 0-9 (not "²" or "٣"), else None.

    Digits beyond the largest id give MAX_ID + 1 rather than a huge number, so the caller's
    range check refuses them without Python converting thousands of digits."""
    if not (text.isascii() and text.isdigit()):
        return None
    return int(text) if len(text) <= len(str(MAX_ID)) else MAX_ID + 1


def json_depth(value: object) -> int:
    """How deeply `value` (parsed JSON) nests: 0 for a scalar, 1 for a flat object or list."""
    depth, level = 0, [value]
    while True:
        containers = [item for item in level if isinstance(item, dict | list)]
        if not containers:
            return depth
        depth += 1
        level = [
            child
            for container in containers
            for child in (container.values() if isinstance(container, dict) else container)
        ]
