"""Backing up and restoring, as the README says, on both databases: the data comes back exactly.

SQLite: `tracker backup` and `tracker restore`. PostgreSQL: pg_dump and pg_restore with the
options the README gives. Each old way that went wrong (issue 14) is shown going wrong.
"""

import asyncio
import shutil
import sqlite3
import subprocess
import sys
import threading
from contextlib import closing
from pathlib import Path

import asyncpg
import pytest

from tests.cli.test_commands import tracker
from tests.support.postgres import _find_binary
from tests.support.snapshots import row_counts, snapshot, sqlite_snapshot
from tracker.core.engine import sqlite_path

pytestmark = pytest.mark.programs  # runs `tracker`, sqlite3, pg_dump and pg_restore

# What a tracker killed mid-run leaves: committed pages still in the -wal, never checkpointed.
KILLED_WHILE_WRITING = """
import os, sqlite3, sys
connection = sqlite3.connect(sys.argv[1])
connection.execute("PRAGMA wal_autocheckpoint=0")
connection.execute("UPDATE action SET text = 'written after the backup'")
connection.execute("UPDATE action_update SET progress = 'written after the backup'")
connection.commit()
os._exit(0)
"""


def _damage(url: str) -> None:
    """Change what matters, as a mistake or a bad import would."""
    statements = [
        "UPDATE action SET text = 'vandalised', version = version + 1",
        "UPDATE action_update SET rag = 'red', progress = 'lost'",
        "UPDATE account SET email = 'someone-else@example.org' WHERE id = 1",
    ]
    path = sqlite_path(url)
    if path is not None:
        with closing(sqlite3.connect(path)) as connection:
            for statement in statements:
                connection.execute(statement)
            connection.commit()
        return

    async def run() -> None:
        connection = await asyncpg.connect(url)
        try:
            for statement in statements:
                await connection.execute(statement)
        finally:
            await connection.close()

    asyncio.run(run())


def _destroy(url: str) -> None:
    path = sqlite_path(url)
    if path is not None:
        for file in path.parent.glob(f"{path.name}*"):
            file.unlink()
        return

    async def run() -> None:
        connection = await asyncpg.connect(url)
        try:
            await connection.execute("DROP SCHEMA public CASCADE; CREATE SCHEMA public")
        finally:
            await connection.close()

    asyncio.run(run())


def _program(name: str, *args: str) -> subprocess.CompletedProcess:
    # Found as the test cluster's initdb is: on the PATH or in Debian's versioned folder.
    program = _find_binary(name) if name.startswith("pg_") else name
    return subprocess.run(
        [program, *args], capture_output=True, text=True, timeout=120, check=False
    )


def _back_up(url: str, path: Path) -> None:
    """As the README says, for the database `url` names."""
    if sqlite_path(url) is not None:
        assert "Backed up" in tracker("backup", str(path), database_url=url).stdout
    else:
        path.parent.mkdir(exist_ok=True)
        done = _program("pg_dump", "--format=custom", f"--file={path}", url)
        assert done.returncode == 0, done.stderr


def _restore(url: str, path: Path) -> None:
    if sqlite_path(url) is not None:
        assert "Restored" in tracker("restore", str(path), database_url=url).stdout
    else:
        done = _program(
            "pg_restore", "--clean", "--if-exists", "--no-owner", f"--dbname={url}", str(path)
        )
        assert done.returncode == 0, done.stderr


@pytest.mark.parametrize("harm", [_damage, _destroy], ids=["changed", "destroyed"])
def test_a_backup_restores_the_data_exactly(backend, tvp_db, tmp_path, harm):
    backed_up = snapshot(tvp_db)
    assert row_counts(backed_up)["action_update"] > 0 and backed_up["triggers"]
    backup = (
        tmp_path / "backups" / ("tracker.sqlite3" if backend.name == "sqlite" else "tracker.dump")
    )
    _back_up(tvp_db, backup)
    harm(tvp_db)
    assert snapshot(tvp_db) != backed_up

    _restore(tvp_db, backup)

    restored = snapshot(tvp_db)
    assert row_counts(restored) == row_counts(backed_up)
    assert restored["action"][0] == backed_up["action"][0]
    assert restored == backed_up


def test_the_restored_database_serves_the_tracker(backend, tvp_db, tmp_path):
    backup = tmp_path / "backup"
    _back_up(tvp_db, backup)
    _destroy(tvp_db)
    _restore(tvp_db, backup)
    assert "up to date" in tracker("db", "upgrade", database_url=tvp_db).stdout
    listed = tracker("imports", "list", database_url=tvp_db).stdout
    assert "agency-tvp-2020-21-q1.xlsx" in listed


# SQLite


# Tests of one database's own tools run on that database only.
ON_SQLITE = pytest.mark.parametrize("backend", ["sqlite"], indirect=True)
ON_POSTGRES = pytest.mark.parametrize("backend", ["postgres"], indirect=True)


@pytest.fixture
def live(backend, tvp_db) -> Path:
    path = sqlite_path(tvp_db)
    assert path is not None
    return path


def _killed_while_writing(database: Path) -> None:
    subprocess.run([sys.executable, "-c", KILLED_WHILE_WRITING, str(database)], check=True)
    assert database.with_name(database.name + "-wal").stat().st_size > 0


@ON_SQLITE
def test_the_old_readme_restore_lets_a_stale_wal_overwrite_the_backup(live, tmp_path):
    backup = tmp_path / "backup.sqlite3"
    subprocess.run(["sqlite3", str(live), f".backup '{backup}'"], check=True)
    _killed_while_writing(live)

    shutil.copyfile(backup, live)  # "putting the copy in place", its -wal still beside it

    with closing(sqlite3.connect(live)) as connection:
        texts = {row[0] for row in connection.execute("SELECT text FROM action")}
    assert texts == {"written after the backup"}  # not what was backed up
    assert sqlite_snapshot(live) != sqlite_snapshot(backup)


@ON_SQLITE
def test_tracker_restore_is_the_backup_even_after_the_tracker_was_killed(live, tmp_path):
    backup = tmp_path / "backup.sqlite3"
    tracker("backup", str(backup), database_url=f"sqlite:///{live}")
    backed_up = sqlite_snapshot(backup)
    _killed_while_writing(live)

    done = tracker("restore", str(backup), database_url=f"sqlite:///{live}")

    assert sqlite_snapshot(live) == backed_up
    assert not live.with_name(live.name + "-wal").exists()
    [kept] = live.parent.glob(f"{live.stem}.before-restore-*.sqlite3")
    assert f"kept in {kept}" in done.stdout
    with closing(sqlite3.connect(kept)) as connection:
        texts = {row[0] for row in connection.execute("SELECT text FROM action")}
    assert texts == {"written after the backup"}  # what it held before: kept, whole


@ON_SQLITE
def test_a_restore_into_a_missing_database_ignores_an_orphaned_wal(live, tmp_path):
    backup = tmp_path / "backup.sqlite3"
    tracker("backup", str(backup), database_url=f"sqlite:///{live}")
    _killed_while_writing(live)
    live.unlink()  # the database deleted, its -wal and -shm left behind

    tracker("restore", str(backup), database_url=f"sqlite:///{live}")

    assert sqlite_snapshot(live) == sqlite_snapshot(backup)


@ON_SQLITE
def test_a_backup_while_the_tracker_writes_is_one_consistent_moment(live, tmp_path):
    with closing(sqlite3.connect(live)) as connection:
        connection.execute("CREATE TABLE pairs (id INTEGER PRIMARY KEY, half INTEGER)")
    stop = threading.Event()

    def write_pairs() -> None:  # each transaction adds two rows: a snapshot holds an even number
        with closing(sqlite3.connect(live, timeout=30)) as connection:
            while not stop.is_set():
                with connection:
                    connection.executemany("INSERT INTO pairs (half) VALUES (?)", [(1,), (2,)])

    writer = threading.Thread(target=write_pairs)
    writer.start()
    try:
        backups = [tmp_path / f"backup-{n}.sqlite3" for n in range(3)]
        for backup in backups:
            tracker("backup", str(backup), database_url=f"sqlite:///{live}")
    finally:
        stop.set()
        writer.join()
    for backup in backups:
        with closing(sqlite3.connect(backup)) as connection:
            assert connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
            assert connection.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
            pairs = connection.execute("SELECT COUNT(*) FROM pairs").fetchone()[0]
        assert pairs % 2 == 0
    assert not backups[0].with_name(backups[0].name + "-wal").exists()


@ON_SQLITE
def test_backup_and_restore_refuse_plainly(live, tmp_path):
    url = f"sqlite:///{live}"
    existing = tmp_path / "existing.sqlite3"
    existing.write_text("not a database")
    refused = [
        (("backup", str(existing)), "already exists: give a new file name"),
        (("backup", str(existing / "b")), "Cannot make the folder"),
        (("restore", str(tmp_path / "missing")), "There is no file"),
        (("restore", str(existing)), "is not a SQLite database"),
    ]
    for args, message in refused:
        done = tracker(*args, database_url=url, check=False)
        assert (done.returncode, "Traceback" in done.stderr) == (1, False)
        assert message in done.stderr, done.stderr
    other = tmp_path / "other.sqlite3"
    with closing(sqlite3.connect(other)) as connection:
        connection.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY)")
    done = tracker("restore", str(other), database_url=url, check=False)
    assert "is not a backup of the tracker's database" in done.stderr


@pytest.mark.parametrize(
    ("command", "tool"), [("backup", "pg_dump --format=custom"), ("restore", "pg_restore --clean")]
)
def test_on_postgresql_the_commands_point_to_pg_dump_and_pg_restore(command, tool):
    done = tracker(command, "x.dump", database_url="postgresql://t@127.0.0.1:1/t", check=False)
    assert done.returncode == 2
    assert "DATABASE_URL is a PostgreSQL database" in done.stderr and tool in done.stderr


# PostgreSQL


@pytest.fixture
def dumped(backend, tvp_db, tmp_path) -> tuple[str, Path]:
    dump = tmp_path / "tracker.dump"
    _back_up(tvp_db, dump)
    return tvp_db, dump


@ON_POSTGRES
def test_the_old_readme_pg_restore_clean_fails_on_an_empty_database(backend, dumped):
    _, dump = dumped
    empty = backend.new_database()
    try:
        done = _program("pg_restore", "--clean", f"--dbname={empty}", str(dump))
        assert done.returncode == 1
        assert "does not exist" in done.stderr and "errors ignored on restore" in done.stderr
    finally:
        backend.drop_database(empty)


@ON_POSTGRES
def test_pg_restore_clean_if_exists_fills_an_empty_database_exactly(backend, dumped):
    original, dump = dumped
    empty = backend.new_database()
    try:
        _restore(empty, dump)
        assert snapshot(empty) == snapshot(original)
    finally:
        backend.drop_database(empty)
