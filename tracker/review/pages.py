"""The chairs' review page and its downloads: every action across plans, filtered and sorted.

Open to everyone signed in (the partnership's transparency). Thin: reading
the query is tracker.review.query, the table tracker.review.table, the files
tracker.review.as_csv and as_xlsx. The page works as a plain GET form; htmx
swaps only the results (or, for a column heading, the whole main region).
"""

from __future__ import annotations

import tempfile
from collections.abc import AsyncIterator, Iterator
from typing import IO
from urllib.parse import parse_qsl

import anyio.to_thread
from litestar import Request, Response, get
from litestar.plugins.htmx import ClientRedirect, HTMXRequest
from litestar.response import Redirect, Stream

from tracker.core import clock
from tracker.core.chosen import chosen_strategy
from tracker.core.web.rendering import page, partial
from tracker.review.as_csv import review_csv_stream
from tracker.review.as_xlsx import write_review_xlsx
from tracker.review.columns import export_file_name
from tracker.review.filters import filters_html
from tracker.review.queries import ReviewView, every_row, matching_ids, review_view, rows_in_batches
from tracker.review.query import SORT_LABELS, read_review_query
from tracker.review.table import about, due_note, short_text

RESULTS = "review-results"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


async def _view(request: Request) -> ReviewView:
    asked = read_review_query(request.query_params.dict(), clock.today())
    strategy = await chosen_strategy(request)
    return await review_view(asked, strategy.id if strategy else None, with_page=False)


def _asked_again(request: Request) -> str:
    """The page for the query as sent, where its problems are shown next to the fields."""
    return f"/review?{request.url.query}" if request.url.query else "/review"


@get("/review", name="review")
async def review(request: HTMXRequest) -> Response:
    strategy = await chosen_strategy(request)
    asked = read_review_query(request.query_params.dict(), clock.today())
    table = (await review_view(asked, strategy.id if strategy else None)).table
    if request.htmx and table.problems:
        # Only a hand-made or outdated link gets here: show its problems on the full page.
        return ClientRedirect(redirect_to=_asked_again(request))
    context = {
        "table": table,
        "query": table.query,
        "sorts": SORT_LABELS,
        "due_note": due_note,
        "short_text": short_text,
    }
    if request.htmx and request.htmx.target == RESULTS:
        shared = table.query.query_string()
        return await partial(
            "review/_review_results.html",
            push_url="/review" + (f"?{shared}" if shared else ""),
            swapped=True,
            **context,
        )
    # A new day starts again at the first page.
    pairs = parse_qsl(table.query.query_string())
    kept = [pair for pair in pairs if pair[0] not in ("as_at", "page")]
    ends = strategy.period.quarter_ends(clock.today()) if strategy else ()
    filters = filters_html(request, table, ends, kept)
    template = await page("review/review.html", filters=filters, **context)
    template.status_code = 422 if table.problems else 200
    return template


def _download(
    content: Iterator[bytes] | AsyncIterator[bytes], media_type: str, file_name: str
) -> Stream:
    """Streamed: sent a piece at a time (the pieces made off the event loop)."""
    return Stream(
        content,
        media_type=media_type,
        headers={"Content-Disposition": f'attachment; filename="{file_name}"'},
    )


def _pieces_of(file: IO[bytes], size: int = 64 * 1024) -> Iterator[bytes]:
    """The file from its start, a piece at a time; closed (and so deleted) at the end."""
    with file:
        file.seek(0)
        while piece := file.read(size):
            yield piece


@get("/review.csv", name="review-csv")
async def review_as_csv(request: Request) -> Response | Stream:
    view = await _view(request)
    if view.table.problems:
        return Redirect(_asked_again(request), status_code=303)
    return _download(
        review_csv_stream(every_row(view)),
        "text/csv",
        export_file_name(view.table.query.as_at, "csv"),
    )


@get("/review.xlsx", name="review-xlsx")
async def review_as_xlsx(request: Request) -> Response | Stream:
    view = await _view(request)
    if view.table.problems:
        return Redirect(_asked_again(request), status_code=303)
    made_at = clock.uk_now()
    ids = await matching_ids(view)
    # Written off the event loop (a thousand rows take a good part of a second), fetching
    # its rows a batch at a time through the loop; to a temporary file, not memory, and
    # sent from there a piece at a time.
    file = tempfile.TemporaryFile()  # noqa: SIM115 - closed by _pieces_of once sent
    rows = rows_in_batches(ids, view.table.query.as_at, view.latest)
    await anyio.to_thread.run_sync(
        write_review_xlsx, file, rows, len(ids), about(view.table), made_at
    )
    return _download(_pieces_of(file), XLSX, export_file_name(view.table.query.as_at, "xlsx"))
