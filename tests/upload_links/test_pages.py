"""Upload links over HTTP: made by the business unit, used signed out, refused plainly when
they cannot be, with nothing written; the file waits for the business unit's preview."""

from __future__ import annotations

import re
from datetime import date, timedelta

import pytest

from tests.imports.test_pages import confirm_form
from tests.proformas.test_round_trip import Q2, Q2_END, filled_tvp_proforma, proforma
from tests.returns.test_steps import tvp_plan
from tests.support.accounts import BUSINESS_UNIT, csrf_headers, sign_in
from tracker.core import clock
from tracker.core.tables import (
    AuditEvent,
    LinkUpload,
    Plan,
    PlanReturn,
    StagedUpload,
    Update,
    UploadLink,
)
from tracker.upload_links.rules import UPLOADS_PER_HOUR, token_hash

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def make_link(client, plan_id: int, quarter: str = Q2.slug) -> str:
    made = client.post(
        f"/returns/{quarter}/plans/{plan_id}/upload-links", headers=csrf_headers(client)
    )
    assert made.status_code == 200, made.text
    return re.search(r'value="http://localhost:8000/upload/([A-Za-z0-9_-]+)"', made.text)[1]


def sign_out(client) -> None:
    client.post("/sign-out", headers=csrf_headers(client), follow_redirects=False)


def send(client, token: str, content: bytes, name: str = "tvp-q2.xlsx", csrf: bool = True):
    """As a signed-out browser does: open the page (which sets the form's token), post."""
    page = client.get(f"/upload/{token}")
    field = re.search(r'name="_csrf_token" value="([^"]+)"', page.text)
    data = {"_csrf_token": field[1]} if csrf and field else {}
    return client.post(f"/upload/{token}", files={"file": (name, content, XLSX)}, data=data)


def written(client) -> dict[str, int]:
    """Rows a refused upload must not add."""
    with client.portal() as portal:
        return {
            table.__name__: portal.call(table.count().run)
            for table in (StagedUpload, LinkUpload, AuditEvent, Update, PlanReturn)
        }


def overarching_plan_id() -> int:
    return Plan.select(Plan.id).where(Plan.name == "Overarching").first().run_sync()["id"]


def test_the_link_is_shown_once_and_only_its_hash_is_kept(tvp_db, serve):
    plan_id = tvp_plan()
    with serve(tvp_db) as client:
        token = make_link(client, plan_id)
        listing = client.get("/upload-links")
        with client.portal() as portal:
            stored = portal.call(UploadLink.select().first().run)
            audited = portal.call(
                AuditEvent.select(AuditEvent.kind, AuditEvent.actor)
                .where(AuditEvent.kind == "upload-link-made")
                .run
            )

    assert len(token) >= 40
    assert stored["token_hash"] == token_hash(token) and token not in str(stored)
    assert token not in listing.text
    assert "Thames Valley Police" in listing.text and "Active" in listing.text
    assert audited == [{"kind": "upload-link-made", "actor": BUSINESS_UNIT}]
    # Q2 2020-21's deadline passed long ago: the link works 14 days from the day it is made.
    assert stored["expires_on"] == clock.today() + timedelta(days=14)


def test_signed_out_the_page_shows_only_the_plan_the_quarter_and_the_deadline(tvp_db, serve):
    plan_id = tvp_plan()
    with serve(tvp_db) as client:
        token = make_link(client, plan_id)
        sign_out(client)
        page = client.get(f"/upload/{token}")

    assert page.status_code == 200
    assert "Send the Thames Valley Police return" in page.text
    assert "2020-21 Q2" in page.text and "14 Oct 2020" in page.text
    assert "Sign out" not in page.text and 'aria-label="Main"' not in page.text
    assert 'type="file"' in page.text and 'name="_csrf_token"' in page.text


def test_a_file_sent_signed_out_waits_and_the_business_unit_imports_it_as_the_return(tvp_db, serve):
    plan_id = tvp_plan()
    filled = filled_tvp_proforma()
    with serve(tvp_db) as client:
        token = make_link(client, plan_id)
        sign_out(client)
        receipt = send(client, token, filled)
        assert sign_in(client, BUSINESS_UNIT).status_code == 303
        imports = client.get("/imports")
        preview_path = re.search(r'href="(/imports/staged/[^"]+)"', imports.text)[1]
        preview = client.get(preview_path)
        action, fingerprint = confirm_form(preview.text)
        done = client.post(
            action,
            data={"fingerprint": fingerprint},
            headers=csrf_headers(client),
            follow_redirects=False,
        )
        after = client.get("/imports")
        with client.portal() as portal:
            dated = portal.call(Update.count().where(Update.as_at == Q2_END).run)
            state = portal.call(
                PlanReturn.select(PlanReturn.state)
                .where((PlanReturn.plan == plan_id) & (PlanReturn.quarter == Q2.slug))
                .first()
                .run
            )

    assert receipt.status_code == 200
    text = " ".join(receipt.text.split())
    assert "Return received" in text and "UL1-001" in text and "tvp-q2.xlsx" in text
    assert "Returns sent by upload link" in imports.text and "UL1-001" in imports.text
    assert "0 actions to create, 5 to update, 8 unchanged" in " ".join(preview.text.split())
    assert done.status_code == 303
    assert dated == 5  # the five actions the filled proforma changes, dated 30 Sep 2020
    assert state["state"] == "submitted"  # a returned proforma is submitted unless told not
    assert "No files sent by upload link are waiting." in after.text


def test_the_receipt_has_its_own_address_so_reloading_it_sends_nothing_again(tvp_db, serve):
    plan_id = tvp_plan()
    filled = filled_tvp_proforma()
    with serve(tvp_db) as client:
        token = make_link(client, plan_id)
        sign_out(client)
        page = client.get(f"/upload/{token}")
        field = re.search(r'name="_csrf_token" value="([^"]+)"', page.text)[1]
        sent = client.post(
            f"/upload/{token}",
            files={"file": ("tvp-q2.xlsx", filled, XLSX)},
            data={"_csrf_token": field},
            follow_redirects=False,
        )
        before = written(client)
        reloaded = [client.get(sent.headers["location"]) for _ in range(3)]
        unknown = client.get(f"/upload/{token}/receipts/UL1-999")
        after = written(client)

    assert sent.status_code == 303
    assert sent.headers["location"] == f"/upload/{token}/receipts/UL1-001"
    assert all(r.status_code == 200 and "UL1-001" in r.text for r in reloaded)
    assert "tvp-q2.xlsx" in reloaded[0].text
    assert unknown.status_code == 404
    assert after == before


def test_a_file_sent_by_link_is_kept_past_the_day_an_officers_own_upload_is(tvp_db, serve):
    plan_id = tvp_plan()
    filled = filled_tvp_proforma()
    mine = proforma(plan_id)
    with serve(tvp_db) as client:
        token = make_link(client, plan_id)
        send(client, token, filled)
        with client.portal() as portal:
            # Two days later, another upload of the business unit's prunes the shelf.
            portal.call(
                StagedUpload.update(
                    {StagedUpload.uploaded_at: clock.now() - timedelta(days=2)}, force=True
                ).run
            )
        client.post(
            "/imports/preview",
            files={"file": ("mine.xlsx", mine, XLSX)},
            data={"as_at": "2020-09-30"},
            headers=csrf_headers(client),
        )
        imports = client.get("/imports")

    assert "UL1-001" in imports.text


@pytest.mark.parametrize("which", ["another plan", "another quarter", "no proforma"])
def test_a_file_not_the_links_proforma_is_refused_and_nothing_is_written(tvp_db, serve, which):
    plan_id = tvp_plan()
    content = {
        "another plan": lambda: proforma(overarching_plan_id()),
        "another quarter": lambda: proforma(plan_id, Q2.next()),
        "no proforma": lambda: b"PK\x03\x04 not really a workbook",
    }[which]()
    with serve(tvp_db) as client:
        token = make_link(client, plan_id)
        sign_out(client)
        before = written(client)
        refused = send(client, token, content, name="wrong.xlsx")
        after = written(client)

    assert refused.status_code == 422
    assert "There is a problem" in refused.text
    expected = {
        "another plan": "is the proforma for Overarching, but this link is for "
        "Thames Valley Police",
        "another quarter": "is the proforma for 2020-21 Q3, but this link is for 2020-21 Q2",
        "no proforma": "wrong.xlsx cannot be read",
    }[which]
    assert expected in refused.text.replace("&#39;", "'")
    assert after == before


def expire(client, when: date) -> None:
    with client.portal() as portal:
        portal.call(UploadLink.update({UploadLink.expires_on: when}, force=True).run)


def test_an_expired_link_is_refused_with_410_and_nothing_is_written(tvp_db, serve):
    plan_id = tvp_plan()
    filled = filled_tvp_proforma()
    with serve(tvp_db) as client:
        token = make_link(client, plan_id)
        expire(client, clock.today() - timedelta(days=1))
        sign_out(client)
        before = written(client)
        shown = client.get(f"/upload/{token}")
        sent = client.post(
            f"/upload/{token}",
            files={"file": ("tvp.xlsx", filled, XLSX)},
            headers=csrf_headers(client),
        )
        after = written(client)

    assert shown.status_code == sent.status_code == 410
    assert "This link no longer works" in shown.text
    assert "stopped working after" in shown.text and "Ask the business unit" in shown.text
    assert "Traceback" not in sent.text
    assert after == before


def test_a_revoked_link_is_refused_with_410_and_nothing_is_written(tvp_db, serve):
    plan_id = tvp_plan()
    filled = filled_tvp_proforma()
    with serve(tvp_db) as client:
        token = make_link(client, plan_id)
        with client.portal() as portal:
            link_id = portal.call(UploadLink.select(UploadLink.id).first().run)["id"]
        confirm = client.get(f"/upload-links/{link_id}/revoke")
        revoked = client.post(
            f"/upload-links/{link_id}/revoke", headers=csrf_headers(client), follow_redirects=True
        )
        sign_out(client)
        before = written(client)
        shown = client.get(f"/upload/{token}")
        sent = client.post(
            f"/upload/{token}",
            files={"file": ("tvp.xlsx", filled, XLSX)},
            headers=csrf_headers(client),
        )
        after = written(client)
        with client.portal() as portal:
            audited = portal.call(
                AuditEvent.count().where(AuditEvent.kind == "upload-link-revoked").run
            )

    assert "Revoke the upload link for Thames Valley Police, 2020-21 Q2?" in confirm.text
    assert "Upload link revoked" in revoked.text and "Revoked" in revoked.text
    assert audited == 1
    assert shown.status_code == sent.status_code == 410
    assert "withdrawn by the business unit" in shown.text
    assert after == before


def test_an_unknown_link_is_refused_with_404_and_nothing_is_written(tvp_db, serve):
    filled = filled_tvp_proforma()
    with serve(tvp_db) as client:
        sign_out(client)
        before = written(client)
        shown = client.get("/upload/not-a-real-link-at-all")
        sent = client.post(
            "/upload/not-a-real-link-at-all",
            files={"file": ("tvp.xlsx", filled, XLSX)},
            headers=csrf_headers(client),
        )
        after = written(client)

    assert shown.status_code == sent.status_code == 404
    assert "This upload link is not right" in shown.text
    assert after == before


def test_a_link_takes_only_so_many_files_an_hour(tvp_db, serve):
    plan_id = tvp_plan()
    filled = filled_tvp_proforma()
    with serve(tvp_db) as client:
        token = make_link(client, plan_id)
        with client.portal() as portal:
            link_id = portal.call(UploadLink.select(UploadLink.id).first().run)["id"]
            for number in range(UPLOADS_PER_HOUR):
                portal.call(
                    LinkUpload.insert(
                        LinkUpload(
                            link=link_id,
                            reference=f"X{number}",
                            staged_token=f"gone-{number}",
                            file_name="earlier.xlsx",
                            size=1,
                            received_at=clock.now() - timedelta(minutes=50),
                        )
                    ).run
                )
        sign_out(client)
        before = written(client)
        limited = send(client, token, filled)
        after = written(client)
        with client.portal() as portal:
            portal.call(
                LinkUpload.update(
                    {LinkUpload.received_at: clock.now() - timedelta(minutes=61)}, force=True
                ).run
            )
        later = send(client, token, filled)

    assert limited.status_code == 429
    assert f"taken {UPLOADS_PER_HOUR} files in the last hour" in limited.text
    assert after == before
    assert later.status_code == 200 and "Return received" in later.text


def test_a_file_sent_without_the_forms_token_is_refused_and_nothing_is_written(tvp_db, serve):
    plan_id = tvp_plan()
    filled = filled_tvp_proforma()
    with serve(tvp_db) as client:
        token = make_link(client, plan_id)
        sign_out(client)
        before = written(client)
        refused = send(client, token, filled, csrf=False)
        after = written(client)

    assert refused.status_code == 403
    assert after == before


def test_no_file_is_asked_for_again(tvp_db, serve):
    plan_id = tvp_plan()
    with serve(tvp_db) as client:
        token = make_link(client, plan_id)
        sign_out(client)
        refused = send(client, token, b"")

    assert refused.status_code == 422
    assert "Choose the filled-in proforma" in refused.text
