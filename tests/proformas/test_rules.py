"""The proforma's rules, with plain data."""

from __future__ import annotations

from datetime import date, datetime

from tracker.core.dates import Quarter
from tracker.core.roles import Role
from tracker.proformas.rules import About, columns, file_name, may_download, read_about, titles

Q2 = Quarter(2026, 2)


def test_who_may_download_a_plans_proforma():
    assert may_download(Role.BUSINESS_UNIT, frozenset(), None)
    assert may_download(Role.CHAIR, frozenset(), 3)
    assert may_download(Role.LEAD, frozenset({3}), 3)
    assert not may_download(Role.LEAD, frozenset({3}), 4)
    assert not may_download(Role.LEAD, frozenset({3}), None)  # the overarching plan
    assert not may_download(Role.VIEWER, frozenset({3}), 3)


def test_what_a_proforma_says_of_itself_reads_back():
    about = About(
        "Neglect Strategy 2020-23", 7, "Thames Valley Police", Q2, datetime(2026, 7, 1, 9)
    )
    assert read_about(about.properties()) == about
    assert read_about({}) is None
    assert read_about({**about.properties(), "Tracker quarter": "next spring"}) is None


def test_the_fill_in_columns_are_this_quarters():
    open_ = [column.header for column in columns(Q2) if column.fill_in]
    assert open_ == ["RAG (2026-27 Q2)", "Progress (2026-27 Q2)", "Evidence of impact"]


def test_the_titles_name_the_agency_the_plan_and_the_deadline():
    made = titles("Thames Valley Police", "Thames Valley Police", Q2, date(2026, 10, 14))
    assert made[1] == "Agency: Thames Valley Police"
    assert made[2].endswith("(as at 30 Sep 2026), due by 14 Oct 2026")
    assert titles("Overarching", None, Q2, date(2026, 10, 14))[1] == "Overarching plan"


def test_file_names_are_safe():
    assert file_name("Children's Social Care (additional actions)", Q2) == (
        "proforma-children-s-social-care-additional-actions-2026-27-Q2.xlsx"
    )
