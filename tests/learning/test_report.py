"""The Business Group's Q2 paper has a "Learning from reviews" section in every format,
from the same section table: each source's items by standing, the change, the gaps."""

import asyncio
import io
import json
from datetime import date

from docx import Document
from openpyxl import load_workbook

from tracker.core.dates import Quarter
from tracker.core.tables import LearningImpact, LearningItem
from tracker.reports.model import Audience, Format
from tracker.reports.render import render, report_for

Q2 = Quarter(2020, 2)
PLR = "Partnership Learning Review: children living with chronic neglect"


def test_the_q2_business_group_paper_shows_learning_from_reviews_in_every_format(tvp_db):
    report = asyncio.run(report_for(Q2, Audience.BUSINESS_GROUP))
    data = json.loads(render(report, Format.JSON))
    plr = next(row for row in data["learning"] if row["source"] == PLR)
    assert plr["items"] == 10
    assert plr["standings"]["no-action"] == 4
    assert "Recommendation 5" in plr["gaps"]

    workbook = load_workbook(io.BytesIO(render(report, Format.XLSX)), read_only=True)
    rows = [[c for c in row if c is not None] for row in workbook["Learning from reviews"].values]
    assert any(row and str(row[0]).startswith(PLR) for row in rows)
    document = Document(io.BytesIO(render(report, Format.DOCX)))
    headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
    assert "Learning from reviews" in headings
    html = render(report, Format.HTML).decode()
    assert 'aria-labelledby="learning"' in html and PLR in html
    assert render(report, Format.PDF).startswith(b"%PDF")

    masa = json.loads(render(asyncio.run(report_for(Q2, Audience.MASA)), Format.JSON))
    assert "learning" not in masa


def test_impact_evidenced_in_the_quarter_shows_as_movement_since_the_last(tvp_db):
    item = (
        LearningItem.select(LearningItem.id)
        .where((LearningItem.source.key == "plr-2020") & (LearningItem.number == "5"))
        .first()
        .run_sync()
    )
    LearningImpact.insert(
        LearningImpact(
            item=item["id"],
            evidence="Audit found it named.",
            evidenced_on=date(2020, 8, 1),
            recorded_by="chair@example.org",
            recorded_at=date(2020, 8, 1),
        )
    ).run_sync()
    data = json.loads(render(asyncio.run(report_for(Q2, Audience.BUSINESS_GROUP)), Format.JSON))
    plr = next(row for row in data["learning"] if row["source"] == PLR)
    assert plr["standings"]["closed"] == 1
    assert "Recommendation 5" not in plr["gaps"]
    report = asyncio.run(report_for(Q2, Audience.BUSINESS_GROUP))
    html = render(report, Format.HTML).decode()
    assert "No action -1, Closed: impact evidenced +1" in html
