"""The gaps in learning (findings and recommendations no action answers, or only overdue or
red ones: see rules.is_gap), filtered by source, kind, audience and why; as a page and as CSV
and Excel downloads. Thin: reads in tracker.learning.queries, files in downloads."""

from __future__ import annotations

from litestar import Request, Response, get
from litestar.params import FromQuery
from litestar.response import Template

from tracker.core.parsing import record_id
from tracker.core.web.rendering import as_at_from_query, page
from tracker.learning import queries
from tracker.learning.downloads import gaps_csv, gaps_xlsx
from tracker.learning.rules import ITEM_KINDS


def _filters(
    source: str | None, kind: str | None, to: str | None, why: str | None
) -> queries.GapFilters:
    return queries.GapFilters(
        source_id=record_id(source),
        kind=kind if kind in ITEM_KINDS else None,
        addressed_to=to or None,
        why=why if why in ("none", "late") else None,
    )


@get("/learning/gaps", name="learning_gaps")
async def gaps_page(
    request: Request,
    as_at: FromQuery[str | None] = None,
    source: FromQuery[str | None] = None,
    kind: FromQuery[str | None] = None,
    to: FromQuery[str | None] = None,
    why: FromQuery[str | None] = None,
) -> Template:
    day = as_at_from_query(as_at)
    filters = _filters(source, kind, to, why)
    return await page(
        "learning/gaps.html",
        items=await queries.gaps(day.day, filters),
        filters=filters,
        sources=await queries.source_choices(),
        audiences=await queries.audience_choices(),
        kinds=ITEM_KINDS,
        as_at=day,
        query=request.url.query,
    )


def _download(content: bytes, media_type: str, name: str) -> Response:
    return Response(
        content,
        media_type=media_type,
        headers={"Content-Disposition": f'attachment; filename="{name}"'},
    )


@get("/learning/gaps.csv", name="learning_gaps_csv")
async def gaps_as_csv(
    as_at: FromQuery[str | None] = None,
    source: FromQuery[str | None] = None,
    kind: FromQuery[str | None] = None,
    to: FromQuery[str | None] = None,
    why: FromQuery[str | None] = None,
) -> Response:
    day = as_at_from_query(as_at)
    items = await queries.gaps(day.day, _filters(source, kind, to, why))
    return _download(gaps_csv(items), "text/csv", f"learning-gaps-{day.day.isoformat()}.csv")


@get("/learning/gaps.xlsx", name="learning_gaps_xlsx")
async def gaps_as_xlsx(
    as_at: FromQuery[str | None] = None,
    source: FromQuery[str | None] = None,
    kind: FromQuery[str | None] = None,
    to: FromQuery[str | None] = None,
    why: FromQuery[str | None] = None,
) -> Response:
    day = as_at_from_query(as_at)
    items = await queries.gaps(day.day, _filters(source, kind, to, why))
    return _download(
        gaps_xlsx(items),
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        f"learning-gaps-{day.day.isoformat()}.xlsx",
    )


ROUTES = [gaps_page, gaps_as_csv, gaps_as_xlsx]
