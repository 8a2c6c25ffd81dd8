"""`tracker report`, run as a user runs it."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from openpyxl import load_workbook

pytestmark = pytest.mark.programs  # runs `tracker` commands

TRACKER = str(Path(sys.executable).with_name("tracker"))


def tracker_report(*args: str, database_url: str = "sqlite:///nowhere.sqlite3", cwd=None):
    return subprocess.run(
        [TRACKER, "report", *args],
        cwd=cwd,
        env={**os.environ, "DATABASE_URL": database_url},
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.mark.parametrize(
    ("quarter", "audience", "format", "said"),
    [
        ("2020-Q2", "masa", "json", "'2020-Q2' is not a quarter: write it like 2020-21-Q2"),
        ("2020-22-Q2", "masa", "json", "is not a financial year"),
        ("2020-21-Q2", "board", "json", "audience 'board' is not one of business-group, masa"),
        ("2020-21-Q2", "masa", "odt", "format 'odt' is not one of xlsx, docx, html, pdf, json"),
    ],
)
def test_a_bad_quarter_audience_or_format_exits_2_with_one_clear_line(
    tmp_path, quarter, audience, format, said
):
    done = tracker_report(
        "--quarter", quarter, "--audience", audience, "--format", format,
        "--out", str(tmp_path / "out"), cwd=tmp_path,
    )  # fmt: skip
    assert done.returncode == 2
    assert len(done.stderr.strip().splitlines()) == 1
    assert said in done.stderr
    assert not (tmp_path / "out").exists()


def test_the_command_writes_the_workbook_as_at_the_quarter_end(two_quarters_db, tmp_path):
    out = tmp_path / "q1.xlsx"
    done = tracker_report(
        "--quarter", "2020-21-Q1", "--audience", "business-group", "--format", "xlsx",
        "--out", str(out), database_url=two_quarters_db,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert "figures as at 30 Jun 2020" in done.stdout
    summary = load_workbook(out)["Summary"]
    rows = {row[0]: row for row in summary.iter_rows(values_only=True)}
    assert rows["Thames Valley Police"][1:6] == (1, 4, 6, 1, 1)  # Q1's, after Q2 came in
