"""Dates as the partnership writes them, and UK financial-year quarters.

Q1 is April to June; the year 2020-21 runs from 1 April 2020 to 31 March 2021.
A quarter is shown as "2020-21 Q2" and written 2020-21-Q2 in URLs and commands.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

# format_date's "30 Sep 2020" as a spreadsheet's number format, for real dates in downloads.
EXCEL_DATE_FORMAT = "d mmm yyyy"
# No plan runs outside these years: a day outside them is a slip of the keyboard (or an attempt
# to reach year 1 or 9999, where working out a quarter or a week would overflow).
EARLIEST_DAY, LATEST_DAY = date(2000, 1, 1), date(2099, 12, 31)
OUT_OF_RANGE = "Enter a date between 2000 and 2099"
_QUARTER_SLUG = re.compile(r"^(\d{4})-(\d{2})[- ]Q([1-4])$", re.IGNORECASE)


@lru_cache(maxsize=4096)  # a page of 50 rows writes 120 dates, of few days: 4.6 µs each
def format_date(day: date | None) -> str:
    """30 Sep 2020 (no leading zero on the day)."""
    if day is None:
        return ""
    return f"{day.day} {day:%b %Y}"


def read_day(text: str) -> date:
    """A date typed as YYYY-MM-DD (what <input type=date> sends), from 2000 to 2099;
    ValueError otherwise, saying which."""
    day = date.fromisoformat(text.strip())
    if not EARLIEST_DAY <= day <= LATEST_DAY:
        raise ValueError(OUT_OF_RANGE)
    return day


def parse_day(text: str) -> date | None:
    """A date typed as YYYY-MM-DD, from 2000 to 2099, or None."""
    try:
        return read_day(text)
    except ValueError:
        return None


def month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


@dataclass(frozen=True, order=True)
class Quarter:
    start_year: int  # the financial year's first calendar year: 2020 for 2020-21
    number: int  # 1..4

    @classmethod
    def of(cls, day: date) -> Quarter:
        if day.month >= 4:
            return cls(day.year, (day.month - 4) // 3 + 1)
        return cls(day.year - 1, 4)

    @classmethod
    def parse(cls, text: str) -> Quarter:
        """From "2020-21-Q2" or "2020-21 Q2"; ValueError with a plain reason otherwise."""
        match = _QUARTER_SLUG.match(text.strip())
        if not match:
            raise ValueError(f"{text!r} is not a quarter: write it like 2020-21-Q2")
        start, end, number = int(match[1]), int(match[2]), int(match[3])
        if (start + 1) % 100 != end:
            raise ValueError(f"{text!r} is not a financial year: write it like 2020-21-Q2")
        if not EARLIEST_DAY.year <= start <= LATEST_DAY.year:
            raise ValueError(f"{text!r} is not a quarter from 2000-01 to 2099-00")
        return cls(start, number)

    @property
    def first_day(self) -> date:
        year, month = self._calendar_start()
        return date(year, month, 1)

    @property
    def last_day(self) -> date:
        year, month = self._calendar_start()
        return month_end(year, month + 2)

    @property
    def label(self) -> str:
        return f"{self.start_year}-{(self.start_year + 1) % 100:02d} Q{self.number}"

    @property
    def slug(self) -> str:
        return self.label.replace(" ", "-")

    def holds(self, day: date | None) -> bool:
        """Whether `day` falls in the quarter; no day does not."""
        return day is not None and self.first_day <= day <= self.last_day

    def previous(self) -> Quarter:
        if self.number == 1:
            return Quarter(self.start_year - 1, 4)
        return Quarter(self.start_year, self.number - 1)

    def next(self) -> Quarter:
        if self.number == 4:
            return Quarter(self.start_year + 1, 1)
        return Quarter(self.start_year, self.number + 1)

    def _calendar_start(self) -> tuple[int, int]:
        if self.number == 4:
            return self.start_year + 1, 1
        return self.start_year, 4 + (self.number - 1) * 3

    def __str__(self) -> str:
        return self.label


def days_text(count: int) -> str:
    """A number of days as a sentence says it: "1 day", "2,226 days"."""
    return f"{count:,} day{'' if count == 1 else 's'}"
