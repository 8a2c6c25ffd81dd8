"""Where a form may send a person once it is done."""

from __future__ import annotations

MAX_NEXT = 2000


def safe_next(target: str | None) -> str:
    """Only a path on this site: never an open redirect to somewhere else."""
    if not target or not target.startswith("/") or target.startswith("//") or "\\" in target:
        return "/"
    if len(target) > MAX_NEXT:  # no page's address is this long: not worth keeping
        return "/"
    return target
