"""Reading the import history."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from tracker.core.tables import ImportRecord


@dataclass(frozen=True)
class ImportSummary:
    id: int
    file_name: str
    sha256: str
    as_at: date
    imported_at: datetime
    imported_by: str
    plans: str
    created: int
    updated: int
    unchanged: int
    undone_at: datetime | None
    undone_by: str | None


_COLUMNS = [
    getattr(ImportRecord, name) for name in ImportSummary.__dataclass_fields__ if name != "id"
]


async def import_history() -> list[ImportSummary]:
    rows = await ImportRecord.select(ImportRecord.id, *_COLUMNS).order_by(
        ImportRecord.id, ascending=False
    )
    return [ImportSummary(**row) for row in rows]


async def import_summary(import_id: int) -> ImportSummary | None:
    row = (
        await ImportRecord.select(ImportRecord.id, *_COLUMNS)
        .where(ImportRecord.id == import_id)
        .first()
    )
    return ImportSummary(**row) if row else None
