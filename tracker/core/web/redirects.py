"""Where a form may send a person once it is done."""

from __future__ import annotations


def safe_next(target: str | None) -> str:
    """Only a path on this site: never an open redirect to somewhere else."""
    if not target or not target.startswith("/") or target.startswith("//") or "\\" in target:
        return "/"
    return target
