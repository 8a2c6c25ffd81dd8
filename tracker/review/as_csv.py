"""The review view as CSV: dates as ISO (2020-09-30), UTF-8 with a byte-order mark for Excel.

Text a spreadsheet would run as a formula (starting =, +, -, @, tab or
carriage return) gets a leading apostrophe, as OWASP advises for CSV
injection, so a cell shows the text and never runs it.
"""

from __future__ import annotations

import csv
import io
from collections.abc import AsyncIterable, AsyncIterator, Iterable, Iterator
from datetime import date

from tracker.plans.portfolio import PortfolioAction
from tracker.review.columns import COLUMNS, Value, export_row

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(value: Value) -> str | int:
    if value is None:
        return ""
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


BATCH = 500  # rows a chunk of the streamed file holds


def review_csv_chunks(rows: Iterable[PortfolioAction], batch: int = BATCH) -> Iterator[bytes]:
    """The file in pieces of `batch` rows, for a streaming response: only one piece is
    held at a time, however many rows there are."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    out.write("\ufeff")  # the byte-order mark, so Excel reads UTF-8
    writer.writerow([column.title for column in COLUMNS])
    for count, action in enumerate(rows, start=1):
        writer.writerow([csv_cell(value) for value in export_row(action)])
        if count % batch == 0:
            yield out.getvalue().encode("utf-8")
            out.seek(0)
            out.truncate()
    yield out.getvalue().encode("utf-8")


def review_csv(rows: Iterable[PortfolioAction]) -> bytes:
    return b"".join(review_csv_chunks(rows))


async def review_csv_stream(
    batches: AsyncIterable[Iterable[PortfolioAction]],
) -> AsyncIterator[bytes]:
    """The file a piece per batch of rows as the database gives them: only one batch of
    rows, and one piece of the file, is held at a time."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    out.write("\ufeff")  # the byte-order mark, so Excel reads UTF-8
    writer.writerow([column.title for column in COLUMNS])
    async for rows in batches:
        for action in rows:
            writer.writerow([csv_cell(value) for value in export_row(action)])
        yield out.getvalue().encode("utf-8")
        out.seek(0)
        out.truncate()
    yield out.getvalue().encode("utf-8")
