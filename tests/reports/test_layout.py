"""Tables sized to their content, and what of a busy quarter fits MASA's one page."""

from __future__ import annotations

import pytest

from tests.reports.busy import busy_report
from tracker.reports.layout import CELL_PADDING_MM, column_widths, lines, longest_word_mm
from tracker.reports.masa import LEAST, OnePage, fit, one_page
from tracker.reports.model import Audience
from tracker.reports.sections import sections
from tracker.reports.tables import Column, Kind, shown

COLUMNS = (
    Column("Ref", 7),
    Column("Action", 45, Kind.LONG),
    Column("Due", 12, Kind.DATE),
    Column("RAG", 11, Kind.RAG),
    Column("Latest progress", 60, Kind.LONG),
)
ROWS = [
    [
        "1.1",
        "Make sure every practitioner completes the neglect toolkit training " * 3,
        "30 Sep 2020",
        "Not rated",
        "Performance remains below expectation " * 4,
    ],
]


def test_every_column_is_at_least_as_wide_as_its_longest_word():
    widths = column_widths(COLUMNS, ROWS, 180, 9)
    assert sum(widths) == pytest.approx(180)
    for index, (column, width) in enumerate(zip(COLUMNS, widths, strict=True)):
        words = [column.title, *(row[index] for row in ROWS)]
        bold = column.kind is Kind.RAG
        assert width >= max(longest_word_mm(w, 9, bold=bold) for w in words) + CELL_PADDING_MM


def test_long_text_gets_the_room_and_short_columns_fit_their_values_on_one_line():
    ref, action, due, rag, progress = column_widths(COLUMNS, ROWS, 180, 9)
    assert action > 2.5 * due and progress > 2.5 * due
    assert progress > action  # by the columns' weights
    assert lines("30 Sep 2020", due, 9) == 1
    assert lines("Not rated", rag, 9, bold=True) == 1


def test_the_business_group_paper_breaks_no_word_in_any_table():
    for section in sections(busy_report(Audience.BUSINESS_GROUP)):
        texts = [
            [shown(v, c.kind) for v, c in zip(row, section.columns, strict=True)]
            for row in section.rows
        ]
        widths = column_widths(section.columns, texts, 267 if section.landscape else 180, 8.5)
        for index, width in enumerate(widths):
            for row in texts:
                assert longest_word_mm(row[index], 8.5) + CELL_PADDING_MM <= width, section.key


def test_one_page_shows_escalations_then_red_then_messages_first_a_few_of_each():
    assert one_page(1000, [5] * 4, [5] * 4, [5] * 4) == OnePage(4, 4, 4)
    shown = one_page(6 * 10, [10] * 12, [10] * 40, [10] * 8)
    assert (shown.escalations, shown.red, shown.messages) == (LEAST, LEAST, LEAST)
    shown = one_page(8 * 10, [10] * 12, [10] * 40, [10] * 8)
    assert (shown.escalations, shown.red, shown.messages) == (LEAST + 2, LEAST, LEAST)
    assert one_page(0, [10], [10], [10]) == OnePage(0, 0, 0)


def test_a_busy_quarter_shows_the_most_overdue_red_actions_and_says_how_many_more():
    report = busy_report(Audience.MASA)
    page = fit(report)
    assert 1 <= page.escalations < 12 and 1 <= page.red < 40 and 1 <= page.messages < 8
    found = {section.key: section for section in sections(report)}
    red = found["red"]
    assert len(red.rows) == page.red
    overdue = [row[3] for row in red.rows]
    assert overdue == sorted(overdue, reverse=True)
    assert overdue[0] == max(a.days_overdue for a in report.red)
    assert red.more == f"And {40 - page.red} more red actions in the Business Group report."
    assert found["escalations"].more == (
        f"And {12 - page.escalations} more escalations in the Business Group report."
    )


def test_the_business_group_report_leaves_nothing_out():
    report = busy_report(Audience.BUSINESS_GROUP)
    for section in sections(report):
        assert section.more == ""
