"""Every download reads back: the review workbook imports without complaint, changing nothing."""

from __future__ import annotations

import io

from openpyxl import load_workbook

from tests.proformas.test_round_trip import counts, run_import
from tests.returns.test_steps import tvp_plan
from tracker.core.tables import Action, Update


def review_download(database: str, serve) -> bytes:
    # Downloaded, then the app closed: its connections are not the test's (PostgreSQL).
    with serve(database) as client:
        return client.get("/review.xlsx").content


def test_the_review_download_imports_without_complaint_and_changes_nothing(tvp_db, serve):
    first = Action.select(Action.id).where(Action.plan == tvp_plan()).first().run_sync()
    Action.update({Action.text: "=1+1 briefings", Action.lead: "@lead"}).where(
        Action.id == first["id"]
    ).run_sync()
    content = review_download(tvp_db, serve)
    before = counts()

    outcome = run_import(content)

    assert outcome.result["errors"] == outcome.result["warnings"] == []
    summary = outcome.result["summary"]
    assert summary == {"created": 0, "updated": 0, "unchanged": Action.count().run_sync()}
    assert counts() == before
    assert Update.count().where(Update.import_record == outcome.import_id).run_sync() == 0
    kept = Action.select(Action.text, Action.lead).where(Action.id == first["id"]).first()
    assert kept.run_sync() == {"text": "=1+1 briefings", "lead": "@lead"}


def test_a_progress_changed_in_the_review_download_is_a_new_update(tvp_db, serve):
    workbook = load_workbook(io.BytesIO(review_download(tvp_db, serve)))
    sheet = workbook["Actions"]
    header = [cell.value for cell in sheet[1]]
    row = next(
        number
        for number, cells in enumerate(sheet.iter_rows(min_row=2, values_only=True), start=2)
        if cells[header.index("Plan")] == "Thames Valley Police"
    )
    sheet.cell(row=row, column=header.index("Progress") + 1, value="All five briefings delivered")
    out = io.BytesIO()
    workbook.save(out)

    outcome = run_import(out.getvalue())

    assert outcome.result["summary"]["updated"] == 1
    (update,) = (
        Update.select(Update.progress).where(Update.import_record == outcome.import_id).run_sync()
    )
    assert update["progress"] == "All five briefings delivered"
