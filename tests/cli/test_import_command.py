"""`tracker import` on the contract's samples, against the seeded strategy."""

import json
import os
import subprocess
import sys

import pytest

from tests.cli.test_commands import tracker
from tests.imports.proforma.test_samples import assert_matches_expected
from tests.support.samples import sample_files

pytestmark = pytest.mark.programs  # runs `tracker` commands

SAMPLES = {path.name: path for path in sample_files()}


def expected(name: str) -> dict:
    path = SAMPLES[name]
    return json.loads(path.with_name(path.stem + ".expected.json").read_text("utf-8"))


def run_import(url: str, name: str, *args: str):
    return tracker("import", str(SAMPLES[name]), *args, database_url=url, check=False)


@pytest.fixture
def seeded_url(seeded_db):
    return seeded_db


def test_an_agency_return_dry_run_prints_the_expected_json_and_writes_nothing(seeded_url):
    done = run_import(seeded_url, "agency-tvp-2020-21-q1.xlsx", "--dry-run", "--json")
    assert done.returncode == 0, done.stderr
    assert_matches_expected(json.loads(done.stdout), expected("agency-tvp-2020-21-q1.xlsx"))

    again = run_import(seeded_url, "agency-tvp-2020-21-q1.xlsx", "--dry-run", "--json")
    assert json.loads(again.stdout)["summary"] == {"created": 13, "updated": 0, "unchanged": 0}


def test_importing_a_return_then_importing_it_again_changes_nothing(seeded_url):
    first = run_import(seeded_url, "agency-tvp-2020-21-q1.xlsx", "--as-at", "2020-06-30", "--json")
    assert first.returncode == 0, first.stderr
    result = json.loads(first.stdout)
    assert result["dry_run"] is False
    assert result["summary"] == {"created": 13, "updated": 0, "unchanged": 0}

    second = run_import(seeded_url, "agency-tvp-2020-21-q1.xlsx", "--as-at", "2020-06-30", "--json")
    assert json.loads(second.stdout)["summary"] == {"created": 0, "updated": 0, "unchanged": 13}


@pytest.mark.parametrize(
    ("name", "actions"), [("appendix1-overarching.xlsx", 10), ("appendix3-csc.xlsx", 11)]
)
def test_the_seeded_appendices_read_as_expected_and_are_already_loaded(seeded_url, name, actions):
    done = run_import(seeded_url, name, "--dry-run", "--json")
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    assert result["summary"] == {"created": 0, "updated": 0, "unchanged": actions}
    want = expected(name)
    assert_matches_expected({**result, "summary": want["summary"]}, want)


def test_a_blank_proforma_is_refused_with_exit_status_1(seeded_url):
    done = run_import(seeded_url, "appendix4-proforma-blank.xlsx", "--dry-run", "--json")
    assert done.returncode == 1
    assert_matches_expected(json.loads(done.stdout), expected("appendix4-proforma-blank.xlsx"))

    for_real = run_import(seeded_url, "appendix4-proforma-blank.xlsx")
    assert for_real.returncode == 1
    assert "Nothing was written because the file has errors." in for_real.stderr


def test_a_file_that_is_not_a_spreadsheet_exits_2_with_one_line(seeded_url, tmp_path):
    bogus = tmp_path / "return.xlsx"
    bogus.write_text("Objective,Action\n1,do it\n")
    done = tracker("import", str(bogus), database_url=seeded_url, check=False)
    assert done.returncode == 2
    assert done.stdout == ""
    assert len(done.stderr.strip().splitlines()) == 1
    assert done.stderr.startswith("Cannot import return.xlsx:")
    assert "Traceback" not in done.stderr


def refuse_new_updates(url: str) -> None:
    """A database that fails every new update, as a full disk or a broken server would."""
    import asyncio

    from tracker.core.tables import Update

    if url.startswith("sqlite"):
        statements = [
            "CREATE TRIGGER refuse BEFORE INSERT ON action_update "
            "BEGIN SELECT RAISE(ABORT, 'could not extend file: No space left on device'); END"
        ]
    else:
        statements = [
            "CREATE FUNCTION refuse() RETURNS trigger AS $$ BEGIN RAISE EXCEPTION "
            "'could not extend file: No space left on device'; END $$ LANGUAGE plpgsql",
            "CREATE TRIGGER refuse BEFORE INSERT ON action_update "
            "FOR EACH ROW EXECUTE FUNCTION refuse()",
        ]

    async def create() -> None:
        for statement in statements:
            await Update.raw(statement)

    asyncio.run(create())


def test_a_database_failure_exits_3_with_one_line_and_no_traceback(seeded_url):
    refuse_new_updates(seeded_url)

    done = run_import(seeded_url, "agency-tvp-2020-21-q1.xlsx", "--as-at", "2020-06-30")

    assert done.returncode == 3, done.stderr
    assert "Traceback" not in done.stderr
    assert done.stderr.strip().splitlines() == [
        "Cannot import agency-tvp-2020-21-q1.xlsx: the database failed: could not extend file: "
        "No space left on device. Nothing was written; try again, and if it keeps failing tell "
        "whoever runs the tracker."
    ]


def test_a_database_not_yet_upgraded_says_what_to_run_in_one_sentence(tmp_path):
    url = f"sqlite:///{tmp_path / 'new.sqlite3'}"

    done = run_import(url, "agency-tvp-2020-21-q1.xlsx", "--dry-run")

    assert done.returncode == 3, done.stderr
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1, lines
    assert lines[0].startswith("Cannot import agency-tvp-2020-21-q1.xlsx: the database is missing ")
    assert lines[0].endswith("run `tracker db upgrade` first. Nothing was written.")


def test_a_database_that_cannot_be_reached_exits_3_not_1(tmp_path):
    done = tracker(
        "import",
        str(SAMPLES["agency-tvp-2020-21-q1.xlsx"]),
        database_url="postgresql://tracker@127.0.0.1:1/none",
        check=False,
    )

    assert done.returncode == 3, done.stderr
    assert "Traceback" not in done.stderr
    assert done.stderr.startswith("Cannot import agency-tvp-2020-21-q1.xlsx: ")


def test_an_import_dry_run_loads_no_web_framework(seeded_url):
    """`tracker import` reads, checks and compares a workbook: the web app's framework is
    a quarter of a second it has no use for (issue 18: start-up and all, at most 1.5x
    openpyxl's own read)."""
    workbook = str(SAMPLES["agency-tvp-2020-21-q1.xlsx"])
    program = (
        "import sys\n"
        "from tracker.cli.main import cli\n"
        "try:\n"
        f"    cli(['import', {workbook!r}, '--dry-run'])\n"
        "except SystemExit:\n"
        "    pass\n"
        "print(sorted(m for m in sys.modules if m.startswith(('litestar', 'jinja2'))))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", program],
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
        env={**os.environ, "DATABASE_URL": seeded_url},
    )
    assert "Would import" in done.stdout, done.stdout + done.stderr
    assert done.stdout.strip().splitlines()[-1] == "[]"
