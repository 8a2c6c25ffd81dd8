"""How much room text takes on the page: column widths for the papers' tables.

Pure arithmetic on Arial's widths (Liberation Sans has the same), so Word,
the web page and the PDF size a table's columns from the same figures:
every column at least as wide as its longest word (no word broken inside),
short columns (ref, RAG, dates, numbers) as wide as their longest value,
and what is left to the long text, shared by each column's weight.
"""

from __future__ import annotations

from collections.abc import Sequence

from tracker.reports.tables import Column, Kind

PT_MM = 25.4 / 72
CELL_PADDING_MM = 3.0  # left and right padding (1 mm each) and the borders, with some to spare
WORD_SLACK = 1.06  # fonts differ a little from Arial's widths: a longest word gets this much more
SHORT_CAP_MM = 38.0  # a short column grows to its longest value, up to this

# Advance widths of the printable ASCII characters (32-126), in thousandths of an em.
_REGULAR = (
    "278 278 355 556 556 889 667 191 333 333 389 584 278 333 278 278 556 556 556 556 556 556 "
    "556 556 556 556 278 278 584 584 584 556 1015 667 667 722 722 667 611 778 722 278 500 667 "
    "556 833 722 778 667 778 722 667 611 722 667 944 667 667 611 278 278 278 469 556 333 556 "
    "556 500 556 556 278 556 556 222 222 500 222 833 556 556 556 556 333 500 278 556 500 722 "
    "500 500 500 334 260 334 584"
)
_BOLD = (
    "278 333 474 556 556 889 722 238 333 333 389 584 278 333 278 278 556 556 556 556 556 556 "
    "556 556 556 556 333 333 584 584 584 611 975 722 722 722 722 667 611 778 722 278 556 722 "
    "611 833 722 778 667 778 722 667 611 722 667 944 667 667 611 333 278 333 584 556 333 556 "
    "611 556 611 556 333 611 611 278 278 556 278 889 611 611 611 611 389 556 333 611 556 778 "
    "556 556 500 389 280 389 584"
)
REGULAR = {chr(32 + i): int(w) for i, w in enumerate(_REGULAR.split())}
BOLD = {chr(32 + i): int(w) for i, w in enumerate(_BOLD.split())}
WIDE = 1000  # a character not in the tables (e.g. "…", "—", letters with accents) counts wide


def text_mm(text: str, size_pt: float, *, bold: bool = False) -> float:
    """The width of `text` on one line, in millimetres."""
    widths = BOLD if bold else REGULAR
    return sum(widths.get(char, WIDE) for char in text) / 1000 * size_pt * PT_MM


def longest_word_mm(text: str, size_pt: float, *, bold: bool = False) -> float:
    return max((text_mm(word, size_pt, bold=bold) for word in text.split()), default=0.0)


def lines(text: str, width_mm: float, size_pt: float, *, bold: bool = False) -> int:
    """How many lines `text` wraps to in a column `width_mm` wide (words kept whole)."""
    room = max(width_mm - CELL_PADDING_MM, 1.0)
    space = text_mm(" ", size_pt, bold=bold)
    count = 0
    for paragraph in text.split("\n"):
        count += 1
        used = 0.0
        for word in paragraph.split():
            wide = text_mm(word, size_pt, bold=bold)
            if used and used + space + wide > room:
                count += 1
                used = 0.0
            used = used + space + wide if used else wide
            while used > room:  # a word wider than the column breaks
                count += 1
                used -= room
    return count


def column_widths(
    columns: Sequence[Column],
    texts: Sequence[Sequence[str]],
    total_mm: float,
    size_pt: float,
) -> list[float]:
    """Each column's width (mm), adding up to `total_mm`; `texts` are the rows as shown."""
    count = len(columns)
    least = []
    natural = []
    for index, column in enumerate(columns):
        body = [row[index] for row in texts]
        words = max(
            [longest_word_mm(column.title, size_pt, bold=True)]
            + [longest_word_mm(text, size_pt, bold=column.kind is Kind.RAG) for text in body]
        )
        whole = max(
            [text_mm(column.title, size_pt, bold=True) * 0.55]  # a heading may take two lines
            + [text_mm(text, size_pt, bold=column.kind is Kind.RAG) for text in body]
        )
        least.append(words * WORD_SLACK + CELL_PADDING_MM)
        natural.append(max(whole + CELL_PADDING_MM, least[-1]))
    if sum(least) >= total_mm:
        return [width * total_mm / sum(least) for width in least]
    widths = list(least)
    long = [i for i in range(count) if columns[i].kind is Kind.LONG]
    short = [i for i in range(count) if i not in long]
    # Short columns towards their longest value first, while long text keeps most of the room.
    room = total_mm - sum(widths)
    wanted = {i: max(min(natural[i], SHORT_CAP_MM) - widths[i], 0.0) for i in short}
    share = room * (0.35 if long else 1.0)
    scale = min(1.0, share / sum(wanted.values())) if sum(wanted.values()) else 0.0
    for i in short:
        widths[i] += wanted[i] * scale
    # The rest to the long columns by weight, none beyond its longest text while others
    # want more; what is left after that goes to the long columns (or all) by weight.
    active = [i for i in long if widths[i] < natural[i]]
    room = total_mm - sum(widths)
    while room > 0.01 and active:
        weight = sum(columns[i].width for i in active)
        for i in active:
            widths[i] += min(room * columns[i].width / weight, natural[i] - widths[i])
        room = total_mm - sum(widths)
        active = [i for i in active if widths[i] < natural[i] - 0.01]
    if room > 0.01:
        targets = long or list(range(count))
        weight = sum(columns[i].width for i in targets)
        for i in targets:
            widths[i] += room * columns[i].width / weight
    return widths


def row_lines(texts: Sequence[str], widths: Sequence[float], size_pt: float) -> int:
    """The lines the tallest cell of a row takes."""
    pairs = zip(texts, widths, strict=True)
    return max((lines(text, width, size_pt) for text, width in pairs), default=1)
