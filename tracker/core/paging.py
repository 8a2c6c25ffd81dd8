"""Numbered pages of a long list on a page: how many a page holds, which page, which rows.

Pure. Whatever a link asks for, a page is shown: a page number that is not one
is the first page, a page past the end is the last. Only a per-page value that
is not one of the choices is named, as a problem, and the default used instead.
"""

from __future__ import annotations

from dataclasses import dataclass

PER_PAGE_CHOICES = (25, 50, 100)
DEFAULT_PER_PAGE = 50
PER_PAGE_PROBLEM = "Choose 25, 50 or 100 results per page"
_MOST_PAGES = 10**9  # a page number longer than this is a slip of the keyboard


def read_per_page(typed: str | None) -> tuple[int, str | None]:
    """The page size asked for, and a problem if it is not one of the choices."""
    given = (typed or "").strip()
    if not given:
        return DEFAULT_PER_PAGE, None
    if given.isdigit() and len(given) < 4 and int(given) in PER_PAGE_CHOICES:
        return int(given), None
    return DEFAULT_PER_PAGE, PER_PAGE_PROBLEM


def read_page_number(typed: str | None) -> int:
    """The page number asked for: 1 unless a whole number from 1 is given."""
    given = (typed or "").strip()
    if given.isdigit() and 0 < len(given) < 10 and int(given) >= 1:
        return int(given)
    return 1


@dataclass(frozen=True)
class Paging:
    """Page `number` of `total` rows, `per_page` a page. Make it with `paging`."""

    number: int  # from 1, never past the last page
    per_page: int
    total: int
    asked: int  # the number asked for, which may be past the end

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.per_page))

    @property
    def start(self) -> int:
        """The offset of the page's first row (from 0)."""
        return (self.number - 1) * self.per_page

    @property
    def end(self) -> int:
        """The offset just after the page's last row."""
        return min(self.start + self.per_page, self.total)

    @property
    def first(self) -> int:
        """The first row's position, counting from 1 (0 when there are none)."""
        return self.start + 1 if self.total else 0

    @property
    def last(self) -> int:
        return self.end

    @property
    def previous(self) -> int | None:
        return self.number - 1 if self.number > 1 else None

    @property
    def next(self) -> int | None:
        return self.number + 1 if self.number < self.pages else None

    @property
    def past_end(self) -> bool:
        """Whether a page after the last was asked for (and the last is shown)."""
        return self.asked > self.number

    @property
    def several(self) -> bool:
        return self.pages > 1

    def window(self, around: int = 2) -> list[int | None]:
        """The page numbers to link: the first, the last and `around` either side of this
        one; None where numbers are left out."""
        wanted = {1, self.pages, *range(self.number - around, self.number + around + 1)}
        numbers = sorted(n for n in wanted if 1 <= n <= self.pages)
        shown: list[int | None] = []
        for before, number in zip([0, *numbers], numbers, strict=False):
            if before and number - before > 1:
                shown.append(None)
            shown.append(number)
        return shown

    def showing(self, noun: str = "actions") -> str:
        """'Showing 51-100 of 16,008 actions', or 'Showing 35 of 35 actions' on one page."""
        single = noun.removesuffix("s") if self.total == 1 else noun
        if not self.several:
            return f"Showing {self.total:,} of {self.total:,} {single}"
        return f"Showing {self.first:,}–{self.last:,} of {self.total:,} {single}"


def paging(number: int, per_page: int, total: int) -> Paging:
    """Page `number` of `total` rows: the last page if `number` is past it."""
    if per_page < 1:
        per_page = DEFAULT_PER_PAGE
    asked = max(1, min(number, _MOST_PAGES))
    pages = max(1, -(-total // per_page))
    return Paging(number=min(asked, pages), per_page=per_page, total=total, asked=asked)


def page_holding(position: int, per_page: int) -> int:
    """The page number holding the row at `position` (from 0)."""
    return position // max(per_page, 1) + 1
