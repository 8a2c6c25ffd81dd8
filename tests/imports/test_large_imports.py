"""A large return imports on both databases, within the drivers' limits, and is undone."""

from __future__ import annotations

import asyncio
from datetime import date
from pathlib import Path

import pytest

from benchmarks.workbooks import agency_return
from tests.imports.test_pages import confirm_form, upload
from tests.plans.test_pages import text_of
from tests.support.accounts import csrf_headers
from tracker.core.tables import Action, ActionCoreComponent, ImportRecord, Objective, Update
from tracker.imports.limits import ImportLimits
from tracker.imports.proforma import UnreadableFile
from tracker.imports.service import import_workbook
from tracker.imports.undo import undo_import

LARGE = 20_000


@pytest.fixture(scope="session")
def large_return(tmp_path_factory) -> Path:
    """Thames Valley Police's return with 20,000 actions (made once: a few seconds)."""
    return agency_return(tmp_path_factory.mktemp("large") / "large.xlsx", actions=LARGE)


def counts() -> tuple[int, ...]:
    tables = (Action, Objective, Update, ActionCoreComponent, ImportRecord)
    return tuple(table.count().run_sync() for table in tables)


def test_twenty_thousand_actions_import_and_are_undone(seeded_db, large_return):
    before = counts()

    outcome = asyncio.run(
        import_workbook(
            large_return, file_name="large.xlsx", as_at=date(2020, 6, 30), recorded_by="officer"
        )
    )

    assert outcome.workbook.errors == ()
    assert outcome.result["summary"]["created"] == LARGE
    tvp = Action.count().where(Action.plan.name == "Thames Valley Police").run_sync()
    assert tvp == LARGE
    assert Update.count().where(Update.import_record == outcome.import_id).run_sync() == LARGE

    report = asyncio.run(undo_import(outcome.import_id, undone_by="officer"))

    assert (report.removed_actions, report.removed_updates) == (LARGE, LARGE)
    assert counts()[:4] == before[:4]


def read(path: Path, limits: ImportLimits) -> str:
    with pytest.raises(UnreadableFile) as refused:
        asyncio.run(
            import_workbook(
                path,
                file_name=path.name,
                as_at=date(2020, 6, 30),
                recorded_by="officer",
                dry_run=True,
                limits=limits,
            )
        )
    return str(refused.value)


def test_a_workbook_with_more_actions_than_the_limit_is_refused_naming_it(seeded_db, tmp_path):
    path = agency_return(tmp_path / "many.xlsx", actions=1_201)

    message = read(path, ImportLimits(actions=1_200))

    assert message == (
        "The file has 1,201 actions, more than the 1,200 the tracker imports at once: split "
        "it into smaller files, a plan or a few plans to a file."
    )


def test_a_workbook_with_more_rows_than_the_limit_is_refused_naming_it(seeded_db, tmp_path):
    path = agency_return(tmp_path / "rows.xlsx", actions=1_000)

    message = read(path, ImportLimits(rows=900))

    assert message.startswith("The file has more than 900 rows with something in them")


def test_a_return_of_5000_actions_is_confirmed_on_the_page(client, tmp_path):
    """Over asyncpg's 32,767 query arguments in one insert of their updates (was a 500)."""
    path = agency_return(tmp_path / "return.xlsx", actions=5_000)
    preview = upload(client, path.read_bytes())
    action, fingerprint = confirm_form(preview.text)

    done = client.post(action, data={"fingerprint": fingerprint}, headers=csrf_headers(client))

    assert done.status_code == 200
    assert "5000 created, 0 updated, 0 unchanged" in text_of(done.text)
