"""The `tracker` command line, run as a user runs it."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tracker.core.settings import REPO_ROOT

pytestmark = pytest.mark.programs  # runs `tracker` commands

TRACKER = str(Path(sys.executable).with_name("tracker"))


def tracker(*args, database_url, check=True):
    env = {**os.environ, "DATABASE_URL": database_url}
    return subprocess.run(
        [TRACKER, *args], env=env, capture_output=True, text=True, timeout=120, check=check
    )


@pytest.mark.parametrize(
    "command",
    [
        [],
        ["serve"],
        ["db"],
        ["db", "upgrade"],
        ["seed"],
        ["import"],
        ["backup"],
        ["restore"],
        ["proforma"],
    ],
)
def test_every_command_has_help(command):
    done = subprocess.run([TRACKER, *command, "--help"], capture_output=True, text=True, check=True)
    assert "Usage: tracker" in done.stdout


def test_upgrade_then_seed_then_seed_again_reports_nothing_changed(backend):
    url = backend.new_database()

    upgraded = tracker("db", "upgrade", database_url=url)
    migrations = len(list((REPO_ROOT / "tracker/core/migrations").glob("tracker_*.py")))
    assert migrations >= 3
    assert f"Applied {migrations} migration(s)" in upgraded.stdout
    assert "up to date" in tracker("db", "upgrade", database_url=url).stdout

    first = tracker("seed", database_url=url)
    assert "actions: 21 created, 0 updated" in first.stdout
    assert "agency plans: 13 created" in first.stdout

    second = tracker("seed", database_url=url)
    assert second.stdout.strip() == "Nothing changed: the strategy in imports/ is already loaded."


def test_seed_before_upgrade_says_what_to_run(backend):
    url = backend.new_database()
    done = tracker("seed", database_url=url, check=False)
    assert done.returncode == 1
    assert "run `tracker db upgrade` first" in done.stderr
    assert "Traceback" not in done.stderr


def test_a_database_url_of_another_kind_is_refused_plainly(tmp_path):
    done = tracker("db", "upgrade", database_url="mysql://x@localhost/db", check=False)
    assert done.returncode == 1
    assert "DATABASE_URL must start with sqlite:/// or postgresql://" in done.stderr
    assert "Traceback" not in done.stderr


def test_sqlite_database_is_created_with_its_folder_in_wal_mode(tmp_path):
    import sqlite3

    path = tmp_path / "new" / "folder" / "tracker.sqlite3"
    tracker("db", "upgrade", database_url=f"sqlite:///{path}")
    assert path.is_file()
    with sqlite3.connect(path) as connection:
        assert connection.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_an_unreachable_database_is_one_plain_line(tmp_path):
    with __import__("socket").socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]  # nothing listens there once closed
    done = tracker("serve", database_url=f"postgresql://x@127.0.0.1:{port}/db", check=False)
    assert done.returncode == 1
    assert done.stderr.strip().splitlines() == [
        f"Error: The database cannot be reached: [Errno 111] Connect call failed "
        f"('127.0.0.1', {port})"
    ]
