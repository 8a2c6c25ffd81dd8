"""How tall a spreadsheet row of wrapped text must be to be read.

openpyxl does not measure wrapped text, and LibreOffice (and so every PDF printed from a
workbook) draws a row of the default height over the next one; the writers set each
row's height from this estimate instead.
"""

from __future__ import annotations

LINE_HEIGHT = 15  # points, for the default 11-point font
MOST_LINES = 27  # 405 points: Excel's tallest row is 409


def wrapped_lines(text: object, width: int) -> int:
    """About how many lines `text` takes wrapped in a column `width` characters wide
    (1 for anything that is not text)."""
    if not isinstance(text, str) or not text:
        return 1
    per_line = max(width - 1, 1)
    return sum(max(1, -(-len(line) // per_line)) for line in text.split("\n"))


def row_height(lines: int) -> float:
    """The height in points of a row `lines` lines tall, never taller than Excel allows."""
    return min(max(lines, 1), MOST_LINES) * LINE_HEIGHT
