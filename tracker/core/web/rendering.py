"""What every page handler shares: the glossary for <abbr>, people's names, agencies' short
names, and the 'as at' day."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from litestar.plugins.htmx import HTMXTemplate
from litestar.response import Template

from tracker.core import clock
from tracker.core.dates import EARLIEST_DAY, LATEST_DAY, OUT_OF_RANGE
from tracker.core.shared_names import shared_names


async def shared_context() -> dict[str, Any]:
    """What every page's template reads (tracker.core.shared_names): `glossary` (term:
    meaning) for <abbr>, `people` (email: name) for the `person_name` filter, and
    `short_names` (an agency's or its plan's full name: short name) for `short_name`."""
    return await shared_names()


async def page(template_name: str, **context: Any) -> Template:
    return Template(template_name=template_name, context={**context, **await shared_context()})


async def partial(template_name: str, push_url: str | None = None, **context: Any) -> Template:
    """The fragment an htmx request swaps in, pushing the page's new URL into history."""
    return HTMXTemplate(
        template_name=template_name,
        context={**context, **await shared_context()},
        push_url=push_url or False,
    )


@dataclass(frozen=True)
class Section:
    """A part of one feature's page that another feature adds: its template reads
    `section.context`. The app hands the page its providers, so the page's feature
    imports none of the features that add one."""

    template: str
    context: dict[str, Any] = field(default_factory=dict)


SectionProvider = Callable[[Any], Awaitable["Section | None"]]


@dataclass(frozen=True)
class AsAt:
    day: date
    asked: str | None  # what the user typed, kept to show back in the form
    error: str | None

    @property
    def is_today(self) -> bool:
        return self.day == clock.today()


def as_at_from_query(value: str | None) -> AsAt:
    """The day a page describes: ?as_at=YYYY-MM-DD, or today. A bad date is said, not fatal."""
    today = clock.today()
    if not value:
        return AsAt(today, None, None)
    try:
        day = date.fromisoformat(value.strip())
    except ValueError:
        return AsAt(today, value, "Enter a real date, for example 30 9 2020")
    if not EARLIEST_DAY <= day <= LATEST_DAY:
        return AsAt(today, value, f"{OUT_OF_RANGE}, for example 30 9 2020")
    return AsAt(day, value, None)
