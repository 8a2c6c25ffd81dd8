"""Confirms that arrive together apply once: the check against the preview and the write
happen under one lock, on SQLite and PostgreSQL alike."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

from tests.imports.test_pages import confirm_form, upload
from tests.support.accounts import csrf_headers
from tests.support.returns import TVP_Q1, tvp_q2
from tracker.core.tables import ImportRecord, Plan, Update

TIMES = 10


def counts(client) -> tuple[int, int, int]:
    """Imports, updates and plans in the database."""
    with client.portal() as portal:
        return tuple(  # type: ignore[return-value]
            portal.call(table.count().run) for table in (ImportRecord, Update, Plan)
        )


def all_at_once(client, forms: list[tuple[str, str]]) -> list:
    headers = csrf_headers(client)

    def post(form: tuple[str, str]):
        action, fingerprint = form
        return client.post(
            action, data={"fingerprint": fingerprint}, headers=headers, follow_redirects=False
        )

    with ThreadPoolExecutor(len(forms)) as pool:
        return list(pool.map(post, forms))


def test_ten_previews_of_the_same_return_confirmed_together_apply_once(tvp_client, tmp_path):
    content = tvp_q2(tmp_path).read_bytes()
    forms = [
        confirm_form(upload(tvp_client, content, as_at="2020-09-30").text) for _ in "x" * TIMES
    ]
    imports, updates, plans = counts(tvp_client)

    answers = all_at_once(tvp_client, forms)

    assert sorted(answer.status_code for answer in answers) == [200] * (TIMES - 1) + [303]
    outdated = [answer for answer in answers if answer.status_code == 200]
    assert all("The tracker changed after you previewed this file" in a.text for a in outdated)
    assert counts(tvp_client) == (imports + 1, updates + 3, plans)


def test_one_upload_confirmed_ten_times_together_makes_one_import(tvp_client, tmp_path):
    imports, updates, plans = counts(tvp_client)
    form = confirm_form(upload(tvp_client, tvp_q2(tmp_path).read_bytes(), as_at="2020-09-30").text)

    answers = all_at_once(tvp_client, [form] * TIMES)

    assert sorted(answer.status_code for answer in answers) == [303] + [404] * (TIMES - 1)
    refused = [answer for answer in answers if answer.status_code == 404]
    assert all("already imported" in answer.text for answer in refused)
    assert counts(tvp_client) == (imports + 1, updates + 3, plans)


def test_ten_previews_of_a_new_plan_confirmed_together_make_one_plan(client):
    imports = counts(client)[0]
    forms = [confirm_form(upload(client, TVP_Q1.read_bytes()).text) for _ in "x" * TIMES]

    answers = all_at_once(client, forms)

    assert sorted(answer.status_code for answer in answers) == [200] * (TIMES - 1) + [303]
    outdated = [answer for answer in answers if answer.status_code == 200]
    assert all("The tracker changed after you previewed this file" in a.text for a in outdated)
    assert counts(client)[0] == imports + 1
    with client.portal() as portal:
        named = Plan.count().where(Plan.name == "Thames Valley Police")
        assert portal.call(named.run) == 1
