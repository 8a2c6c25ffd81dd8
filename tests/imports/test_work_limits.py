"""Limits on the work an upload asks for, set in the environment and said on the page."""

from __future__ import annotations

from dataclasses import replace

import pytest
from litestar.testing import TestClient
from openpyxl import load_workbook

from benchmarks.workbooks import agency_return
from tests.imports.test_pages import upload
from tests.plans.test_pages import text_of
from tests.support.accounts import BUSINESS_UNIT, sign_in
from tracker.core.settings import Settings, SettingsError


def test_the_limits_come_from_the_environment_with_defaults_that_allow_20000_actions():
    default = Settings.from_environment({})
    assert (default.max_import_rows, default.max_import_actions) == (30_000, 20_000)

    chosen = Settings.from_environment(
        {"TRACKER_MAX_IMPORT_ROWS": "50,000", "TRACKER_MAX_IMPORT_ACTIONS": "40000"}
    )
    assert (chosen.max_import_rows, chosen.max_import_actions) == (50_000, 40_000)


@pytest.mark.parametrize("value", ["many", "0", "-5", "1.5"])
def test_a_limit_that_is_not_a_positive_whole_number_is_refused_naming_it(value):
    with pytest.raises(SettingsError, match="TRACKER_MAX_IMPORT_ACTIONS"):
        Settings.from_environment({"TRACKER_MAX_IMPORT_ACTIONS": value})


@pytest.fixture
def limited_client(seeded_db, settings_for):
    """The business unit, on a tracker that imports at most 50 actions and reads 80 rows."""
    from tracker.web.app import create_app

    settings = replace(settings_for(seeded_db), max_import_actions=50, max_import_rows=80)
    with TestClient(create_app(settings)) as client:
        assert sign_in(client, BUSINESS_UNIT).status_code == 303
        yield client


def test_a_workbook_over_the_action_limit_is_refused_on_the_page_naming_it(
    limited_client, tmp_path
):
    path = agency_return(tmp_path / "return.xlsx", actions=51)

    refused = upload(limited_client, path.read_bytes())

    assert refused.status_code == 400
    assert (
        "return.xlsx cannot be imported: The file has 51 actions, more than the 50 the tracker "
        "imports at once" in text_of(refused.text)
    )


def test_a_workbook_over_the_row_limit_is_refused_on_the_page_naming_it(limited_client, tmp_path):
    path = agency_return(tmp_path / "return.xlsx", actions=49)
    with_rows = agency_return(tmp_path / "long.xlsx", actions=49)
    workbook = load_workbook(with_rows)
    for number in range(40):
        workbook.create_sheet(f"Notes {number}")["A1"] = "A note"
    workbook.save(with_rows)

    assert upload(limited_client, path.read_bytes()).status_code == 200
    refused = upload(limited_client, with_rows.read_bytes())

    assert refused.status_code == 400
    assert "The file has more than 80 rows with something in them" in text_of(refused.text)
