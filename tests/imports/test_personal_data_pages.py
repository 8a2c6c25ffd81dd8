"""The import page and `tracker import` show progress that looks like personal data and
import it only when confirmed."""

import json
import re

import pytest

from tests.cli.test_commands import tracker
from tests.imports.test_pages import confirm_form, upload
from tests.support.accounts import csrf_headers
from tests.support.personal_data_returns import PHONE, tvp_q2_with_a_phone_number
from tests.support.returns import TVP_Q1
from tracker.core.tables import FlaggedText, ImportRecord


def imports_and_flags(client) -> tuple[int, int]:
    with client.portal() as portal:
        return portal.call(ImportRecord.count().run), portal.call(FlaggedText.count().run)


@pytest.fixture
def after_q1(client):
    preview = upload(client, TVP_Q1.read_bytes())
    action, fingerprint = confirm_form(preview.text)
    client.post(action, data={"fingerprint": fingerprint}, headers=csrf_headers(client))
    return client


def test_the_preview_lists_the_text_and_confirming_needs_the_box(after_q1, tmp_path):
    client = after_q1
    workbook = tvp_q2_with_a_phone_number(tmp_path).read_bytes()
    preview = upload(client, workbook, as_at="2020-09-30")
    assert preview.status_code == 200
    assert "Check this progress does not identify anyone" in preview.text
    assert re.search(r"row 5, RAG/Progress: The progress of action 1.1 looks like", preview.text)
    assert f"a phone number ({PHONE})" in preview.text
    action, fingerprint = confirm_form(preview.text)
    before = imports_and_flags(client)

    refused = client.post(action, data={"fingerprint": fingerprint}, headers=csrf_headers(client))
    assert refused.status_code == 422
    assert "Tick the box to confirm" in refused.text and "Nothing has been imported" in refused.text
    assert imports_and_flags(client) == before

    done = client.post(
        action,
        data={"fingerprint": fingerprint, "confirm_personal_data": "yes"},
        headers=csrf_headers(client),
        follow_redirects=False,
    )
    assert done.status_code == 303
    assert imports_and_flags(client) == (before[0] + 1, before[1] + 1)


def run_import(url, path, *args):
    return tracker(
        "import", str(path), "--as-at", "2020-09-30", *args, database_url=url, check=False
    )


@pytest.mark.programs  # runs `tracker import`
def test_the_command_refuses_unconfirmed_text_lists_it_and_imports_it_when_confirmed(
    tvp_db, tmp_path
):
    path = tvp_q2_with_a_phone_number(tmp_path)
    imports = ImportRecord.count().run_sync()
    dry = run_import(tvp_db, path, "--dry-run")
    assert dry.returncode == 0
    assert "Warning: sheet" in dry.stderr and f"a phone number ({PHONE})" in dry.stderr

    refused = run_import(tvp_db, path, "--json")
    assert refused.returncode == 1
    [error] = json.loads(refused.stdout)["errors"]
    assert (error["row"], error["column"]) == (5, "RAG/Progress")
    assert FlaggedText.count().run_sync() == 0
    assert ImportRecord.count().run_sync() == imports

    plain = run_import(tvp_db, path)
    assert plain.returncode == 1 and "--confirm-personal-data" in plain.stderr

    done = run_import(tvp_db, path, "--confirm-personal-data")
    assert done.returncode == 0, done.stderr
    assert FlaggedText.count().run_sync() == 1


def test_the_shipped_plans_are_loaded_without_a_flag(seeded_db):
    assert FlaggedText.count().run_sync() == 0
