"""A time-scale as agencies write it ("Sept 20", "1/4ly", "Q3 2020/21") read
as a due date and whether the action recurs."""

from __future__ import annotations

import calendar
import datetime
import functools
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

QUARTERLY = "quarterly"
ONGOING = "ongoing"

_MONTH_NAMES = [calendar.month_name[number].lower() for number in range(1, 13)]
# Each month by its full name or a 3-4 letter abbreviation: "sep", "sept", "september".
_MONTHS = {
    written: number
    for number, name in enumerate(_MONTH_NAMES, start=1)
    for written in (name, name[:3], name[:4])
}
_MONTH = "(" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_YEAR = r"(\d{4}|\d{2})"

_QUARTERLY = re.compile(
    r"(?<![\w/])(?:1/4\s*ly|quarterly|quarterley|qtrly|qtly|(?:each|every|per|a)\s+quarter)\b"
)
_ONGOING = re.compile(r"\bon\s*-?\s*going\b")

_QUARTER_THEN_YEAR = re.compile(rf"\bq([1-4])\s*(?:fy\s*)?{_YEAR}\s*[/-]\s*{_YEAR}\b")
_YEAR_THEN_QUARTER = re.compile(rf"\b(?:fy\s*)?{_YEAR}\s*[/-]\s*{_YEAR}\s*q([1-4])\b")
_ISO_DATE = re.compile(r"\b(\d{4})-(\d{1,2})-(\d{1,2})\b")
_DAY_FIRST_DATE = re.compile(rf"\b(\d{{1,2}})[/.-](\d{{1,2}})[/.-]{_YEAR}\b")
_DAY_MONTH_YEAR = re.compile(rf"\b(\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH},?\s+{_YEAR}\b")
_MONTH_YEAR = re.compile(rf"\b{_MONTH}\s*[\s'\u2019,/-]?\s*{_YEAR}\b")

# Financial-year quarters: Q1 is April to June, so Q4 ends in the next calendar year.
_QUARTER_END_MONTH = {1: 6, 2: 9, 3: 12, 4: 3}


@dataclass(frozen=True)
class TimeScale:
    due: datetime.date | None
    recurring: str | None  # QUARTERLY, ONGOING or None
    understood: bool  # False where nothing in the text could be read


def read_timescale(written: str | datetime.date | None) -> TimeScale:
    if written is None:
        return TimeScale(None, None, understood=True)
    if isinstance(written, datetime.datetime):
        return TimeScale(written.date(), None, understood=True)
    if isinstance(written, datetime.date):
        return TimeScale(written, None, understood=True)
    return _read_written_timescale(written)


@functools.lru_cache(maxsize=4096)
def _read_written_timescale(written: str) -> TimeScale:
    # Cached: a plan repeats a handful of time-scales ("Ongoing", "Sept 20") down
    # thousands of rows, and the answer depends on the text alone.
    text = written.casefold()
    if not text.strip():
        return TimeScale(None, None, understood=True)
    recurring = None
    if _QUARTERLY.search(text):
        recurring = QUARTERLY
    elif _ONGOING.search(text):
        recurring = ONGOING
    # Where a cell gives more than one date ("Dec 20 - March 21") the latest is the deadline.
    due = max(_dates_in(text), default=None)
    return TimeScale(due, recurring, understood=due is not None or recurring is not None)


def month_end(year: int, month: int) -> datetime.date:
    return datetime.date(year, month, calendar.monthrange(year, month)[1])


def _full_year(written: str) -> int:
    return int(written) if len(written) == 4 else 2000 + int(written)


def _quarter_end(quarter: str, first: str, second: str) -> datetime.date | None:
    start = _full_year(first)
    if _full_year(second) % 100 != (start + 1) % 100:
        return None
    number = int(quarter)
    return month_end(start + 1 if number == 4 else start, _QUARTER_END_MONTH[number])


def _day(year: str, month: str | int, day: str) -> datetime.date | None:
    month_number = month if isinstance(month, int) else int(month)
    try:
        return datetime.date(_full_year(year), month_number, int(day))
    except ValueError:
        return None


_READERS: tuple[tuple[re.Pattern[str], Callable[..., datetime.date | None]], ...] = (
    (_QUARTER_THEN_YEAR, lambda q, first, second: _quarter_end(q, first, second)),
    (_YEAR_THEN_QUARTER, lambda first, second, q: _quarter_end(q, first, second)),
    (_ISO_DATE, lambda year, month, day: _day(year, month, day)),
    (_DAY_FIRST_DATE, lambda day, month, year: _day(year, month, day)),
    (_DAY_MONTH_YEAR, lambda day, month, year: _day(year, _MONTHS[month], day)),
    (_MONTH_YEAR, lambda month, year: month_end(_full_year(year), _MONTHS[month])),
)


def _dates_in(text: str) -> Iterator[datetime.date]:
    """Every date the text gives, each stretch of text read once, by the
    most specific form that fits it first."""
    taken: list[tuple[int, int]] = []
    for pattern, read in _READERS:
        for match in pattern.finditer(text):
            if any(match.start() < end and start < match.end() for start, end in taken):
                continue
            day = read(*match.groups())
            if day is not None:
                taken.append(match.span())
                yield day
