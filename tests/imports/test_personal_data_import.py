"""Imported progress that looks like personal data is shown, and saved only when confirmed."""

import asyncio
from datetime import date

import pytest

from tests.support.personal_data_returns import PHONE, PROGRESS, tvp_q2_with_a_phone_number
from tests.support.returns import TVP_Q1
from tracker.core.tables import FlaggedText, ImportRecord, StagedUpload, Update
from tracker.imports.refusals import PersonalDataNotConfirmed
from tracker.imports.service import import_workbook
from tracker.imports.undo import undo_import

Q1_END, Q2_END = date(2020, 6, 30), date(2020, 9, 30)


def run_import(path, as_at, **options):
    return asyncio.run(
        import_workbook(path, file_name=path.name, as_at=as_at, recorded_by="officer", **options)
    )


@pytest.fixture
def q2_with_phone(seeded_db, tmp_path):
    run_import(TVP_Q1, Q1_END)
    return tvp_q2_with_a_phone_number(tmp_path)


def progress_updates():
    return Update.count().where(Update.progress == PROGRESS).run_sync()


def test_a_dry_run_lists_the_progress_as_a_warning_with_sheet_row_and_column(q2_with_phone):
    outcome = run_import(q2_with_phone, Q2_END, dry_run=True)
    [text] = outcome.personal_data
    assert (text.ref, text.row, text.column) == ("1.1", 5, "RAG/Progress")
    [warning] = [w for w in outcome.result["warnings"] if "identifies a person" in w["message"]]
    assert (warning["row"], warning["column"]) == (5, "RAG/Progress")
    assert warning["message"].startswith(
        f"The progress of action 1.1 looks like it identifies a person: a phone number ({PHONE})"
    )
    assert not outcome.workbook.errors and outcome.exit_status == 0


def test_importing_it_unconfirmed_writes_nothing(q2_with_phone):
    imports = ImportRecord.count().run_sync()
    with pytest.raises(PersonalDataNotConfirmed) as refused:
        run_import(q2_with_phone, Q2_END)
    assert refused.value.outcome.personal_data
    as_errors = refused.value.as_errors()
    assert as_errors.exit_status == 1
    assert [e["row"] for e in as_errors.result["errors"]] == [5]
    assert ImportRecord.count().run_sync() == imports
    assert progress_updates() == 0
    assert FlaggedText.count().run_sync() == 0


def test_importing_it_confirmed_saves_it_and_flags_the_new_update(q2_with_phone):
    outcome = run_import(q2_with_phone, Q2_END, personal_data_confirmed=True)
    [update] = Update.select(Update.id, Update.action).where(Update.progress == PROGRESS).run_sync()
    [flag] = FlaggedText.select().run_sync()
    assert (flag["record_table"], flag["record_id"], flag["field"]) == (
        "action_update",
        update["id"],
        "progress",
    )
    assert (flag["kinds"], flag["action_id"], flag["confirmed_by"]) == (
        "phone",
        update["action"],
        "officer",
    )
    assert flag["subject"] == "Action 1.1, Thames Valley Police"
    assert outcome.import_id is not None


def test_progress_the_import_leaves_as_it_is_is_not_listed(q2_with_phone):
    run_import(q2_with_phone, Q2_END, personal_data_confirmed=True)
    again = run_import(q2_with_phone, Q2_END, dry_run=True)
    assert again.personal_data == ()


def test_undoing_the_import_removes_its_flags_with_its_updates(q2_with_phone):
    outcome = run_import(q2_with_phone, Q2_END, personal_data_confirmed=True)
    asyncio.run(undo_import(outcome.import_id, undone_by="officer"))
    assert progress_updates() == 0
    assert FlaggedText.count().run_sync() == 0


def test_an_imports_undo_record_keeps_no_copy_of_progress(q2_with_phone):
    outcome = run_import(q2_with_phone, Q2_END, personal_data_confirmed=True)
    record = ImportRecord.select(ImportRecord.undo).where(ImportRecord.id == outcome.import_id)
    assert PHONE not in str(record.first().run_sync()["undo"])
    assert StagedUpload.count().run_sync() == 0
