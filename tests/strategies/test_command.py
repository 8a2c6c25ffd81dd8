"""`tracker strategy add` and `tracker strategy list`; `tracker import --strategy`."""

import pytest

from tests.cli.test_commands import tracker

pytestmark = pytest.mark.programs  # runs `tracker` commands

ADD = [
    "strategy",
    "add",
    "--name",
    "Oxfordshire Neglect Strategy 2023-26",
    "--partnership",
    "Oxfordshire Safeguarding Children Partnership",
    "--period",
    "2023-26",
    "--starts",
    "2023-04-01",
    "--ends",
    "2026-03-31",
]


def test_a_strategy_added_at_the_command_line_is_listed(seeded_db):
    added = tracker(*ADD, database_url=seeded_db)
    assert "Added strategy" in added.stdout
    listed = tracker("strategy", "list", database_url=seeded_db).stdout.splitlines()
    assert [line.split("\t")[1] for line in listed] == [
        "Oxfordshire Neglect Strategy 2020-23",
        "Oxfordshire Neglect Strategy 2023-26",
    ]
    assert "1 Apr 2023 to 31 Mar 2026" in listed[1] and listed[1].endswith("open")


def test_a_duplicate_or_wrong_strategy_is_one_plain_line_and_exit_status_2(seeded_db):
    tracker(*ADD, database_url=seeded_db)
    again = tracker(*ADD, database_url=seeded_db, check=False)
    assert again.returncode == 2
    assert "--name: There is already a strategy with this name" in again.stderr
    assert "Traceback" not in again.stderr
    wrong = tracker(*ADD[:-1], "2023-01-01", database_url=seeded_db, check=False)
    assert wrong.returncode == 2 and "--ends: The last day must be after" in wrong.stderr


def test_import_refuses_a_strategy_that_does_not_exist(seeded_db, tmp_path):
    sheet = tmp_path / "return.xlsx"
    sheet.write_bytes(b"")
    done = tracker(
        "import", str(sheet), "--strategy", "No such strategy", database_url=seeded_db, check=False
    )
    assert done.returncode != 0
    assert "There is no strategy 'No such strategy'" in done.stderr
