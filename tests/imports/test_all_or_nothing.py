"""An import applies completely, in one transaction, or not at all."""

import asyncio
import os
import signal
import sqlite3
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

import asyncpg
import pytest
from openpyxl import load_workbook

from benchmarks.workbooks import agency_return
from tests.support.returns import TVP_Q1
from tracker.core.tables import Action, ImportRecord, Objective, Plan, Update
from tracker.imports import writing as import_writing
from tracker.imports.service import import_workbook


def state() -> tuple[int, ...]:
    return tuple(
        table.count().run_sync() for table in (Plan, Objective, Action, Update, ImportRecord)
    )


def two_agency_workbook(folder: Path) -> Path:
    """TVP's return, and a copy of it as Oxford University Hospitals' on a second sheet."""
    workbook = load_workbook(TVP_Q1)
    copy = workbook.copy_worksheet(workbook.active)
    copy.title = "OUH"
    copy["A2"] = "Agency: OUH"
    path = folder / "two-agencies.xlsx"
    workbook.save(path)
    return path


def test_a_failure_while_writing_the_second_plan_leaves_nothing_of_the_first(
    seeded_db, tmp_path, monkeypatch
):
    before = state()
    original = import_writing.apply_plan_changes
    written = []

    async def fail_on_second_plan(plan_id, changes, **options):
        if written:
            raise RuntimeError("the disk is full")
        written.append(plan_id)
        await original(plan_id, changes, **options)

    monkeypatch.setattr(import_writing, "apply_plan_changes", fail_on_second_plan)
    path = two_agency_workbook(tmp_path)
    with pytest.raises(RuntimeError, match="the disk is full"):
        asyncio.run(
            import_workbook(
                path, file_name=path.name, as_at=date(2020, 6, 30), recorded_by="officer"
            )
        )

    assert written, "the first plan was written before the failure"
    assert state() == before


def test_both_plans_of_a_workbook_are_written_together(seeded_db, tmp_path):
    path = two_agency_workbook(tmp_path)
    outcome = asyncio.run(
        import_workbook(path, file_name=path.name, as_at=date(2020, 6, 30), recorded_by="officer")
    )
    assert outcome.result["summary"]["created"] == 26
    assert Action.count().where(Action.plan.name == "Oxford University Hospitals").run_sync() == 13


def writing(url: str) -> bool:
    """Whether some other connection holds a write transaction on the database now."""
    if url.startswith("sqlite:///"):
        connection = sqlite3.connect(url.removeprefix("sqlite:///"), timeout=0)
        try:
            connection.execute("BEGIN IMMEDIATE")
            connection.rollback()
            return False
        except sqlite3.OperationalError:  # "database is locked": the import is writing
            return True
        finally:
            connection.close()

    async def backends_with_writes() -> int:
        connection = await asyncpg.connect(url)
        try:
            return await connection.fetchval(
                "SELECT count(*) FROM pg_stat_activity WHERE backend_xid IS NOT NULL "
                "AND pid <> pg_backend_pid() AND datname = current_database()"
            )
        finally:
            await connection.close()

    return asyncio.run(backends_with_writes()) > 0


@pytest.mark.parametrize(
    "delay", [0.0, 0.1, 0.2]
)  # a bulk write of 3,000 actions takes under 0.5 s
@pytest.mark.programs  # runs and kills a `tracker import`
def test_killing_an_import_while_it_writes_leaves_the_database_as_before(
    seeded_db, tmp_path, delay
):
    """SIGKILL once the import holds its write transaction: nothing of it remains."""
    path = agency_return(tmp_path / "big.xlsx", actions=3000)
    env = {**os.environ, "DATABASE_URL": seeded_db}
    tracker = str(Path(sys.executable).with_name("tracker"))
    before = state()

    running = subprocess.Popen(
        [tracker, "import", str(path), "--as-at", "2020-06-30"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 60
    while not writing(seeded_db):
        assert running.poll() is None, "the import ended before it was seen writing"
        assert time.monotonic() < deadline, "the import never started writing"
        time.sleep(0.005)
    time.sleep(delay)
    running.send_signal(signal.SIGKILL)
    running.wait(timeout=30)

    assert running.returncode == -signal.SIGKILL, "the import finished before the kill"
    assert state() == before
