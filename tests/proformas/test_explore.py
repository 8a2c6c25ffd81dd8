import asyncio
from datetime import date

from tests.support.returns import TVP_Q1
from tracker.core.dates import Quarter
from tracker.core.tables import Plan
from tracker.imports.service import import_workbook
from tracker.proformas.build import made_proforma
from tracker.proformas.queries import proforma_plan


def test_explore(seeded_db, tmp_path):
    asyncio.run(import_workbook(TVP_Q1, file_name="q1.xlsx", as_at=date(2020, 6, 30), recorded_by="x"))
    for row in Plan.select(Plan.id, Plan.name).run_sync():
        name, data = asyncio.run(made_proforma(asyncio.run(proforma_plan(row["id"])), Quarter(2020, 2)))
        (tmp_path / name).write_bytes(data)
        outcome = asyncio.run(import_workbook(data, file_name=name, as_at=date(2020, 9, 30), recorded_by="x", dry_run=True))
        print(name, outcome.result["summary"], outcome.result["errors"], outcome.result["warnings"][:5])
        for c in outcome.changes:
            for u in c.updated[:3]:
                print("  ", u.existing.ref, u.changes)
    print(tmp_path)
