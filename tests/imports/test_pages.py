"""The business unit imports a return on the page: upload, preview, confirm; history and undo."""

import re

import pytest

from tests.plans.test_pages import text_of
from tests.support.accounts import (
    CHAIR,
    TVP_LEAD,
    VIEWER,
    csrf_headers,
    make_account_async,
    sign_in,
)
from tests.support.returns import TVP_Q1, tvp_q2
from tracker.core.roles import Role
from tracker.core.tables import Action, ImportRecord


def upload(client, content: bytes, name="tvp-return.xlsx", as_at="2020-06-30", agency=""):
    return client.post(
        "/imports/preview",
        files={"file": (name, content, "application/octet-stream")},
        data={"as_at": as_at, "agency": agency},
        headers=csrf_headers(client),
    )


def confirm_form(preview_html: str) -> tuple[str, str]:
    action = re.search(r'action="(/imports/staged/[^"]+/confirm)"', preview_html)[1]
    fingerprint = re.search(r'name="fingerprint" value="([0-9a-f]+)"', preview_html)[1]
    return action, fingerprint


def tvp_actions(client) -> int:
    with client.portal() as portal:
        return portal.call(Action.count().where(Action.plan.name == "Thames Valley Police").run)


def test_the_preview_shows_what_will_change_and_saves_nothing(client):
    response = upload(client, TVP_Q1.read_bytes())
    assert response.status_code == 200
    page = text_of(response.text)
    assert "Check the import" in page
    assert "13 actions to create, 0 to update, 0 unchanged" in page
    assert "Thames Valley Police" in page
    assert '<span class="rag rag-amber">Amber</span>' in response.text
    assert tvp_actions(client) == 0


def test_confirming_applies_exactly_the_preview_and_records_it(client):
    preview = upload(client, TVP_Q1.read_bytes())
    action, fingerprint = confirm_form(preview.text)

    done = client.post(
        action,
        data={"fingerprint": fingerprint},
        headers=csrf_headers(client),
        follow_redirects=False,
    )

    assert done.status_code == 303
    detail = client.get(done.headers["location"])
    assert "Imported." in detail.text
    assert "13 created, 0 updated, 0 unchanged" in text_of(detail.text)
    assert "tvp-return.xlsx" in detail.text
    assert tvp_actions(client) == 13
    again = client.post(action, data={"fingerprint": fingerprint}, headers=csrf_headers(client))
    assert again.status_code == 404  # the upload is used up: no second import


def test_an_update_shows_each_field_before_and_after(client, tmp_path):
    first = upload(client, TVP_Q1.read_bytes())
    action, fingerprint = confirm_form(first.text)
    client.post(action, data={"fingerprint": fingerprint}, headers=csrf_headers(client))

    preview = upload(client, tvp_q2(tmp_path).read_bytes(), as_at="2020-09-30")

    page = text_of(preview.text)
    assert "1 action to create, 3 to update, 9 unchanged" in page
    assert "Lead Head of Safeguarding Policy Head of Safeguarding" in page
    assert "RAG a new update as at 30 Sep 2020 Red Amber" in page
    assert "Not in this return: 11.1" in page


def test_if_the_tracker_changes_after_the_preview_confirm_previews_again(client, tmp_path):
    with client.portal() as portal:
        imports_before = portal.call(ImportRecord.count().run)
    preview = upload(client, TVP_Q1.read_bytes())
    action, fingerprint = confirm_form(preview.text)
    other = upload(client, TVP_Q1.read_bytes(), name="same-return-again.xlsx")
    other_action, other_fingerprint = confirm_form(other.text)
    client.post(other_action, data={"fingerprint": other_fingerprint}, headers=csrf_headers(client))

    stale = client.post(action, data={"fingerprint": fingerprint}, headers=csrf_headers(client))

    assert stale.status_code == 200
    assert (
        "The tracker changed after you previewed this file, so nothing was imported" in stale.text
    )
    assert "0 actions to create, 0 to update, 13 unchanged" in text_of(stale.text)
    with client.portal() as portal:
        assert portal.call(ImportRecord.count().run) == imports_before + 1


def test_a_file_with_errors_is_shown_and_cannot_be_confirmed(client):
    blank = (TVP_Q1.parent / "appendix4-proforma-blank.xlsx").read_bytes()
    response = upload(client, blank)
    assert "This file cannot be imported" in response.text
    assert "Confirm the import" not in response.text
    assert "Appendix 4" in text_of(response.text)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"Objective,Action\n", "cannot be imported:"),
        (bytes.fromhex("D0CF11E0A1B11AE1") + b"\0" * 600, "cannot be imported:"),
    ],
)
def test_an_unreadable_file_is_refused_on_the_page_with_its_reason(client, content, message):
    response = upload(client, content, name="../../etc/passwd.xlsx")
    assert response.status_code == 400
    assert "There is a problem" in response.text
    assert f"passwd.xlsx {message}" in response.text
    assert "Traceback" not in response.text


def test_missing_file_and_bad_date_are_both_said_next_to_their_fields(client):
    response = upload(client, b"", as_at="31/09/2020")
    assert response.status_code == 400
    assert 'href="#file">Choose the agency' in response.text
    assert 'href="#as-at">Enter the date the return describes' in response.text


def test_an_import_can_be_undone_on_its_page(client):
    preview = upload(client, TVP_Q1.read_bytes())
    action, fingerprint = confirm_form(preview.text)
    detail = client.post(action, data={"fingerprint": fingerprint}, headers=csrf_headers(client))
    import_id = re.search(r'action="/imports/(\d+)/undo"', detail.text)[1]

    undone = client.post(f"/imports/{import_id}/undo", headers=csrf_headers(client))

    assert "Undone." in undone.text
    assert tvp_actions(client) == 0
    refused = client.post(f"/imports/{import_id}/undo", headers=csrf_headers(client))
    assert refused.status_code == 409
    assert "already undone" in refused.text


@pytest.mark.parametrize("email", [CHAIR, TVP_LEAD, VIEWER])
@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("get", "/imports"),
        ("post", "/imports/preview"),
        ("get", "/imports/1"),
        ("post", "/imports/1/undo"),
        ("post", "/imports/staged/x/confirm"),
    ],
)
def test_only_the_business_unit_reaches_the_import_pages(anonymous_client, email, method, path):
    assert sign_in(anonymous_client, email).status_code == 303
    response = getattr(anonymous_client, method)(path, headers=csrf_headers(anonymous_client))
    assert response.status_code == 403
    assert "You do not have access to this page" in response.text


def test_the_upload_form_works_without_javascript(client):
    form = client.get("/imports").text
    token = re.search(r'name="_csrf_token" value="([0-9a-f]+)"', form)[1]
    response = client.post(
        "/imports/preview",
        files={"file": ("tvp.xlsx", TVP_Q1.read_bytes(), "application/octet-stream")},
        data={"_csrf_token": token, "as_at": "2020-06-30", "agency": ""},
    )
    assert response.status_code == 200
    assert "13 actions to create" in text_of(response.text)


def test_with_htmx_the_file_is_read_in_the_background_while_the_page_shows_progress(client):
    response = client.post(
        "/imports/preview",
        files={"file": ("tvp.xlsx", TVP_Q1.read_bytes(), "application/octet-stream")},
        data={"as_at": "2020-06-30", "agency": ""},
        headers={**csrf_headers(client), "HX-Request": "true"},
    )
    assert response.status_code == 200
    assert "Reading the spreadsheet" in response.text
    assert '<progress id="read-progress"' in response.text
    token = re.search(r'hx-get="/imports/staged/([^/"]+)/progress"', response.text)[1]

    for _ in range(100):  # the job finishes in well under a second
        progress = client.get(f"/imports/staged/{token}/progress", headers={"HX-Request": "true"})
        if "hx-redirect" in progress.headers:
            break
    assert progress.headers["hx-redirect"] == f"/imports/staged/{token}"

    preview = client.get(f"/imports/staged/{token}")
    assert "13 actions to create, 0 to update, 0 unchanged" in text_of(preview.text)


def test_someone_elses_upload_cannot_be_seen_or_confirmed(client):
    preview = upload(client, TVP_Q1.read_bytes())
    action, fingerprint = confirm_form(preview.text)
    token = action.split("/")[3]
    other = client  # the same browser, signed in as another business-unit officer
    with client.portal() as portal:
        portal.call(make_account_async, Role.BUSINESS_UNIT, "second.officer@example.org")
    assert sign_in(other, "second.officer@example.org").status_code == 303
    assert other.get(f"/imports/staged/{token}").status_code == 404
    refused = other.post(action, data={"fingerprint": fingerprint}, headers=csrf_headers(other))
    assert refused.status_code == 404


def test_a_file_with_errors_is_refused_even_if_confirm_is_posted(client):
    blank = (TVP_Q1.parent / "appendix4-proforma-blank.xlsx").read_bytes()
    assert "Confirm the import" not in upload(client, blank).text
    with client.portal() as portal:
        from tracker.core.tables import StagedUpload

        token = portal.call(StagedUpload.select(StagedUpload.token).first().run)["token"]
        before = portal.call(ImportRecord.count().run)
    response = client.post(
        f"/imports/staged/{token}/confirm",
        data={"fingerprint": "anything"},
        headers=csrf_headers(client),
    )
    assert "This file cannot be imported" in response.text
    with client.portal() as portal:
        assert portal.call(ImportRecord.count().run) == before


def test_a_file_over_the_upload_limit_is_refused_on_the_page(client):
    client.app.state.max_upload_bytes = 4096
    response = upload(client, TVP_Q1.read_bytes())
    assert response.status_code == 400
    assert (
        "tvp-return.xlsx cannot be imported: The file is 8 KB, more than the 4 KB" in response.text
    )
