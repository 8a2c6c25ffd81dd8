"""The review's downloads: the view's rows, dates as dates, and formulas never run."""

import csv
import io
from datetime import date, datetime

from openpyxl import load_workbook
from openpyxl.utils import get_column_letter

from tests.review.builders import TVP, action, with_counts
from tracker.core.dates import EXCEL_DATE_FORMAT
from tracker.review.as_csv import review_csv, review_csv_chunks
from tracker.review.as_xlsx import review_xlsx
from tracker.review.columns import COLUMNS

ROWS = [
    with_counts(
        action(
            1,
            "1.1",
            TVP,
            text='=HYPERLINK("http://evil.example","click")',
            lead="+44 safeguarding line",
            progress="-5 briefings short; @team to chase",
            due=date(2020, 9, 1),
            rag="red",
            components=(3, 7),
        ),
        challenges=1,
        escalations=2,
    ),
    action(2, "7.1", TVP, recurring="ongoing", rag=None, last_update=None, lead=None),
]
TITLES = [column.title for column in COLUMNS]


def read_csv(content: bytes) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(content.decode("utf-8-sig"))))


def test_the_csv_has_one_row_per_action_with_iso_dates_and_rag_words():
    content = review_csv(ROWS)
    assert content.startswith("\ufeff".encode())  # so Excel reads it as UTF-8
    rows = read_csv(content)
    assert [row["Ref"] for row in rows] == ["1.1", "7.1"]
    first, second = rows
    assert (first["Due"], first["Last update"]) == ("2020-09-01", "2020-09-30")
    assert (first["RAG"], second["RAG"]) == ("Red", "Not rated")
    assert (first["Days overdue"], first["Due soon"], first["Stale"]) == ("29", "No", "No")
    assert (second["Due"], second["Last update"], second["Stale"]) == ("", "", "Yes")
    assert first["Core components"] == "3, 7"
    assert (first["Open challenges"], first["Open escalations"]) == ("1", "2")
    assert (first["Plan"], first["Agency"]) == ("Thames Valley Police", "Thames Valley Police")


def test_csv_text_that_looks_like_a_formula_starts_with_an_apostrophe():
    first = read_csv(review_csv(ROWS))[0]
    assert first["Action"] == '\'=HYPERLINK("http://evil.example","click")'
    assert first["Lead"] == "'+44 safeguarding line"
    assert first["Progress"] == "'-5 briefings short; @team to chase"


def xlsx_sheets(content: bytes):
    workbook = load_workbook(io.BytesIO(content))
    return workbook["Actions"], workbook["About this view"]


def test_the_spreadsheet_keeps_formula_like_text_as_text():
    sheet, _ = xlsx_sheets(review_xlsx(ROWS, [], datetime(2020, 10, 1, 9, 30)))
    action_cell = sheet.cell(row=2, column=TITLES.index("Action") + 1)
    assert action_cell.data_type == "s"
    assert action_cell.value == '=HYPERLINK("http://evil.example","click")'
    assert sheet.cell(row=2, column=TITLES.index("Lead") + 1).data_type == "s"


def test_the_spreadsheet_has_a_bold_frozen_filtered_header_and_real_dates():
    sheet, about = xlsx_sheets(
        review_xlsx(ROWS, [("As at", "30 Sep 2020 (2020-21 Q2)")], datetime(2020, 10, 1, 9, 30))
    )
    assert [cell.value for cell in sheet[1]] == TITLES
    assert all(cell.font.bold for cell in sheet[1])
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == f"A1:{get_column_letter(len(COLUMNS))}{len(ROWS) + 1}"
    due = sheet.cell(row=2, column=TITLES.index("Due") + 1)
    assert due.value == datetime(2020, 9, 1) and due.number_format == EXCEL_DATE_FORMAT
    assert sheet.cell(row=2, column=TITLES.index("Days overdue") + 1).value == 29
    assert sheet.cell(row=3, column=TITLES.index("Due") + 1).value is None
    assert sheet.cell(row=2, column=TITLES.index("Action") + 1).alignment.wrap_text
    assert sheet.column_dimensions["E"].width == 60
    assert [[cell.value for cell in row] for row in about.iter_rows()] == [
        ["As at", "30 Sep 2020 (2020-21 Q2)"],
        ["Downloaded", "1 Oct 2020, 09:30"],
    ]


def test_the_csv_streams_in_batches_with_every_row_and_formulas_kept_as_text():
    many = [ROWS[0]] * 7 + [ROWS[1]] * 5
    chunks = list(review_csv_chunks(many, batch=5))
    assert len(chunks) == 3  # 5, 5 and the last 2 rows: never the whole file at once
    content = b"".join(chunks)
    assert content.startswith("\ufeff".encode())
    found = read_csv(content)
    assert len(found) == 12
    assert found[0]["Lead"] == "'+44 safeguarding line"
    assert content == review_csv(many)


def test_a_row_of_long_wrapped_text_is_tall_enough_to_read_and_a_short_one_is_left_alone():
    """openpyxl does not measure wrapped text: without a height LibreOffice draws a long
    progress note over the rows below it (and so does every PDF printed from it)."""
    long = action(3, "1.2", progress="Briefings delivered to every team. " * 12)
    sheet, _ = xlsx_sheets(review_xlsx([long, ROWS[1]], [], datetime(2020, 10, 1, 9, 30)))
    progress_width = next(column.width for column in COLUMNS if column.title == "Progress")
    assert progress_width < len(long.progress or "") // 6  # seven lines or more, wrapped
    assert sheet.row_dimensions[2].height >= 7 * 15
    assert sheet.row_dimensions[3].height is None  # one line: the default height
    assert sheet.row_dimensions[1].height is not None  # the titles wrap too
