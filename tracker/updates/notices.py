"""What a person is told after an update was dated outside the day they asked for. Pure."""

from __future__ import annotations

from datetime import date

from tracker.core.dates import Quarter, format_date


def moved_notice(moved_from: date, dated: date) -> str:
    """An update asked for a day in an accepted return's quarter was dated `dated` instead."""
    return (
        f"The {Quarter.of(moved_from).label} return was accepted, so this update is dated "
        f"{format_date(dated)}."
    )


def moved_notice_from_query(moved_from: str | None, dated: str | None) -> str | None:
    """The notice from a redirect's ?moved_from=&dated= (ISO days); None if either is not a day."""
    try:
        return moved_notice(date.fromisoformat(moved_from or ""), date.fromisoformat(dated or ""))
    except ValueError:
        return None
