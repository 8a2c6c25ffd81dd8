"""Files the contract lists as unreadable: exit 2, one clear line, database untouched."""

import asyncio
import hashlib
import io
import zipfile

import pytest
from openpyxl import Workbook

from tests.cli.test_commands import tracker
from tests.conftest import SEED_DAY
from tests.support.databases import Backend
from tests.support.returns import TVP_Q1
from tracker.core.settings import REPO_ROOT
from tracker.imports.seed import seed

pytestmark = pytest.mark.programs  # runs `tracker` commands


def fingerprint(url: str) -> str:
    """The SQLite file's bytes (with its WAL, if any), after folding the WAL in."""
    import sqlite3

    path = url.removeprefix("sqlite:///")
    with sqlite3.connect(path) as connection:
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    with open(path, "rb") as database:
        return hashlib.sha256(database.read()).hexdigest()


def no_header_workbook() -> bytes:
    workbook = Workbook()
    workbook.active.append(["Notes for agencies"])
    workbook.active.append(["Fill in the proforma on the next sheet"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def zip_bomb() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/worksheets/sheet1.xml", b"\0" * (60 * 1024 * 1024))
    return buffer.getvalue()


BAD_FILES = {
    "random bytes": lambda: bytes(range(256)) * 40,
    "a CSV renamed .xlsx": lambda: b"Objective,Action,Lead\n1. Do,1.1 Do it,DCI\n",
    "a legacy .xls": lambda: bytes.fromhex("D0CF11E0A1B11AE1") + b"\0" * 2000,
    "a truncated xlsx": lambda: TVP_Q1.read_bytes()[:3000],
    "a zip bomb": zip_bomb,
    "no header row anywhere": no_header_workbook,
}


@pytest.fixture(scope="module")
def sqlite_template(tmp_path_factory):
    """A seeded SQLite database: byte-for-byte comparison reads its file.

    PostgreSQL is covered by test_bad_files_write_nothing_on_any_database.
    """
    backend = Backend("sqlite", tmp_path_factory.mktemp("bytes"))
    url = backend.migrated_database()
    asyncio.run(seed(REPO_ROOT / "imports", as_at=SEED_DAY))
    return backend, url


@pytest.fixture
def sqlite_seeded(sqlite_template):
    backend, template = sqlite_template
    return backend.new_database(template=template)


@pytest.mark.parametrize("kind", BAD_FILES)
def test_a_bad_file_exits_2_with_one_line_and_leaves_the_database_byte_for_byte(
    sqlite_seeded, tmp_path, kind
):
    path = tmp_path / "return.xlsx"
    path.write_bytes(BAD_FILES[kind]())
    before = fingerprint(sqlite_seeded)

    done = tracker("import", str(path), database_url=sqlite_seeded, check=False)

    assert done.returncode == 2, done.stderr
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("Cannot import return.xlsx: "), lines
    assert "Traceback" not in done.stderr and "Error" not in lines[0]
    assert fingerprint(sqlite_seeded) == before


def test_bad_files_write_nothing_on_any_database(seeded_db, tmp_path):
    from tracker.core.tables import Action, ImportRecord

    before = (Action.count().run_sync(), ImportRecord.count().run_sync())
    for kind, make in BAD_FILES.items():
        path = tmp_path / f"{kind}.xlsx"
        path.write_bytes(make())
        assert tracker("import", str(path), database_url=seeded_db, check=False).returncode == 2
    assert (Action.count().run_sync(), ImportRecord.count().run_sync()) == before


def test_a_file_over_the_upload_limit_is_refused_before_reading(seeded_db, monkeypatch):
    monkeypatch.setenv("TRACKER_MAX_UPLOAD_MB", "0.005")
    done = tracker("import", str(TVP_Q1), database_url=seeded_db, check=False)
    assert done.returncode == 2
    assert "The file is 8 KB, more than the 5 KB the tracker accepts" in done.stderr


def test_the_unpacked_size_limit_is_configurable(seeded_db, monkeypatch):
    monkeypatch.setenv("TRACKER_MAX_UNPACKED_MB", "0.01")
    done = tracker("import", str(TVP_Q1), "--dry-run", database_url=seeded_db, check=False)
    assert done.returncode == 2
    assert len(done.stderr.strip().splitlines()) == 1


def test_imports_are_listed_and_can_be_undone_from_the_command_line(seeded_db):
    imported = tracker("import", str(TVP_Q1), "--as-at", "2020-06-30", database_url=seeded_db)
    assert "Imported agency-tvp-2020-21-q1.xlsx: 13 created" in imported.stdout

    listing = tracker("imports", "list", database_url=seeded_db).stdout.splitlines()
    newest = listing[0].split("\t")
    assert newest[3] == "agency-tvp-2020-21-q1.xlsx"
    assert newest[4] == "as at 30 Jun 2020"
    assert "13 created, 0 updated, 0 unchanged" in newest[5]

    undone = tracker("imports", "undo", newest[0], "--by", "a.officer", database_url=seeded_db)
    assert "12 update(s) and 13 new action(s) removed" in undone.stdout
    again = tracker("imports", "undo", newest[0], database_url=seeded_db, check=False)
    assert again.returncode == 1
    assert "already undone by a.officer" in again.stderr
