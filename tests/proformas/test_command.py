"""`tracker proforma` writes a plan's proforma; `tracker import` takes it back without questions."""

from __future__ import annotations

import json
import zipfile

import pytest
from openpyxl import load_workbook

from tests.cli.test_commands import tracker
from tests.proformas.test_round_trip import counts
from tracker.core.tables import Plan

pytestmark = pytest.mark.programs  # runs `tracker` commands


def test_a_proforma_written_by_the_command_imports_back_unchanged(tvp_db, tmp_path):
    out = tmp_path / "tvp.xlsx"
    done = tracker(
        "proforma",
        "--plan",
        "Thames Valley Police",
        "--quarter",
        "2020-21-Q2",
        "--out",
        str(out),
        database_url=tvp_db,
    )
    assert "Wrote the Thames Valley Police proforma for 2020-21 Q2" in done.stdout
    assert load_workbook(out)["Proforma"]["A6"].value == "1.1"
    before = counts()

    imported = tracker("import", str(out), "--json", database_url=tvp_db)

    result = json.loads(imported.stdout)
    assert result["summary"] == {"created": 0, "updated": 0, "unchanged": 13}
    assert result["errors"] == result["warnings"] == []
    assert counts() == before


def test_every_agencys_proforma_in_one_zip_and_a_bad_plan_refused(tvp_db, tmp_path):
    out = tmp_path / "all.zip"
    tracker("proforma", "--all", "--quarter", "2020-21-Q2", "--out", str(out), database_url=tvp_db)
    assert (
        len(zipfile.ZipFile(out).namelist())
        == Plan.count().where(Plan.agency.is_not_null()).run_sync()
    )
    refused = tracker(
        "proforma",
        "--plan",
        "Nobody",
        "--quarter",
        "2020-21-Q2",
        "--out",
        str(out),
        database_url=tvp_db,
        check=False,
    )
    assert refused.returncode == 2
    assert "There is no plan called 'Nobody'" in refused.stderr
