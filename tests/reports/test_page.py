"""The Reports page: downloads as at a quarter's end, key messages, publishing, versions."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from tests.support.accounts import CHAIR, csrf_headers, sign_in
from tests.support.portal import call
from tests.support.returns import tvp_q2
from tracker.audit.kinds import AuditKind
from tracker.core.tables import AuditEvent, FlaggedText, PublishedFile
from tracker.imports.service import import_workbook

TRACKER = str(Path(sys.executable).with_name("tracker"))
NHS_NUMBER = "943 476 5919"


def post(client, url: str, data: dict):
    return client.post(url, data=data, headers=csrf_headers(client), follow_redirects=False)


def publish(client, quarter: str, audience: str, version: int, reason: str = ""):
    """Press Publish on the confirm page for `version`."""
    data = {"version": str(version), "reason": reason}
    return post(client, f"/reports/{quarter}/{audience}/publish", data)


def report_json(client, quarter: str = "2020-21-Q2", audience: str = "business-group") -> dict:
    response = client.get(f"/reports/{quarter}/{audience}.json")
    assert response.status_code == 200
    return response.json()


def test_the_reports_page_offers_the_quarter_just_ended_first(tvp_client):
    page = tvp_client.get("/reports")
    assert page.status_code == 200
    assert "(last quarter)</option>" in page.text
    assert 'value="2020-21-Q2"' in page.text
    chosen = tvp_client.get("/reports?quarter=2020-21-Q2", follow_redirects=False)
    assert chosen.headers["location"] == "/reports/2020-21-Q2"


def test_a_quarters_page_links_every_format_for_both_audiences(tvp_client):
    page = tvp_client.get("/reports/2020-21-Q2")
    assert page.status_code == 200
    for audience in ("business-group", "masa"):
        for format in ("xlsx", "docx", "html", "pdf", "json"):
            assert f'href="/reports/2020-21-Q2/{audience}.{format}"' in page.text


def test_a_quarter_or_format_that_does_not_exist_is_not_found(tvp_client):
    assert tvp_client.get("/reports/2020-2021-Q2").status_code == 404
    assert tvp_client.get("/reports/2020-21-Q2/business-group.odt").status_code == 404
    assert tvp_client.get("/reports/2020-21-Q2/board.xlsx").status_code == 404
    assert tvp_client.get("/reports/2020-21-Q2/masa/v1.xlsx").status_code == 404


def test_downloads_are_attachments_named_for_the_quarter_and_audience(tvp_client):
    response = tvp_client.get("/reports/2020-21-Q1/masa.docx")
    assert response.status_code == 200
    assert response.headers["content-disposition"] == (
        'attachment; filename="assurance-report-2020-21-Q1-masa.docx"'
    )
    assert response.content.startswith(b"PK")


@pytest.mark.programs  # runs `tracker report`
def test_the_command_and_the_page_give_the_same_json(
    two_quarters_client, two_quarters_db, tmp_path
):
    page = report_json(two_quarters_client)
    out = tmp_path / "report.json"
    done = subprocess.run(
        [TRACKER, "report", "--quarter", "2020-21-Q2", "--audience", "business-group"]
        + ["--format", "json", "--out", str(out)],
        env={**os.environ, "DATABASE_URL": two_quarters_db},
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    assert "Wrote the 2020-21 Q2 OSCB Business Group report" in done.stdout
    command = json.loads(out.read_text())
    page.pop("generated_at")
    command.pop("generated_at")
    assert command == page
    tvp = next(plan for plan in page["plans"] if plan["plan"] == "Thames Valley Police")
    assert tvp["counts"] == {"red": 0, "amber": 5, "green": 7, "blue": 1, "none": 1}
    assert tvp["previous_counts"] == {"red": 1, "amber": 4, "green": 6, "blue": 1, "none": 1}


def test_a_published_report_downloads_byte_for_byte_after_further_updates(tvp_client, tmp_path):
    assert publish(tvp_client, "2020-21-Q2", "business-group", 1).status_code == 303
    published = {
        format: tvp_client.get(f"/reports/2020-21-Q2/business-group/v1.{format}").content
        for format in ("xlsx", "docx", "html", "pdf", "json")
    }
    q2 = tvp_q2(tmp_path)
    call(
        tvp_client,
        lambda: import_workbook(q2, file_name=q2.name, as_at=date(2020, 9, 30), recorded_by="x"),
    )
    for format, content in published.items():
        again = tvp_client.get(f"/reports/2020-21-Q2/business-group/v1.{format}")
        assert again.content == content
        opened = "inline" if format == "html" else "attachment"
        assert again.headers["content-disposition"] == (
            f'{opened}; filename="assurance-report-2020-21-Q2-business-group-v1.{format}"'
        )
    frozen = json.loads(published["json"])
    now = report_json(tvp_client)
    assert frozen["counts"] != now["counts"]  # generated now: the Q2 return counts
    stored = call(tvp_client, lambda: PublishedFile.count())
    assert stored == 5


def test_publishing_again_needs_a_reason_and_makes_a_new_version(tvp_client):
    assert publish(tvp_client, "2020-21-Q2", "masa", 1).status_code == 303
    refused = publish(tvp_client, "2020-21-Q2", "masa", 2, "  ")
    assert refused.status_code == 422
    assert "Say why it is published again" in refused.text
    assert (
        publish(tvp_client, "2020-21-Q2", "masa", 2, "CSC's return arrived late").status_code == 303
    )
    page = tvp_client.get("/reports/2020-21-Q2")
    assert "CSC&#39;s return arrived late" in page.text
    assert 'href="/reports/2020-21-Q2/masa/v2.docx"' in page.text
    assert 'href="/reports/2020-21-Q2/masa/v1.docx"' in page.text
    kinds = call(
        tvp_client,
        lambda: AuditEvent.select(AuditEvent.subject).where(
            AuditEvent.kind == AuditKind.REPORT_PUBLISHED.value
        ),
    )
    assert [row["subject"] for row in kinds] == [
        "MASA report, 2020-21 Q2, version 1",
        "MASA report, 2020-21 Q2, version 2",
    ]


def test_key_messages_appear_in_the_reports_of_their_quarter(tvp_client):
    saved = post(tvp_client, "/reports/2020-21-Q2/messages", {"text": "Red actions fell."})
    assert saved.status_code == 303
    assert report_json(tvp_client)["key_messages"] == "Red actions fell."
    assert report_json(tvp_client, audience="masa")["key_messages"] == "Red actions fell."
    assert report_json(tvp_client, "2020-21-Q1")["key_messages"] == ""
    assert "Red actions fell." in tvp_client.get("/reports/2020-21-Q2").text


def test_key_messages_that_look_like_personal_data_need_confirming(tvp_client):
    text = f"One child (NHS {NHS_NUMBER}) waited."
    warned = post(tvp_client, "/reports/2020-21-Q2/messages", {"text": text})
    assert warned.status_code == 422
    assert 'name="confirm_personal_data"' in warned.text
    assert text in warned.text  # kept as typed
    assert report_json(tvp_client)["key_messages"] == ""
    confirmed = {"text": text, "confirm_personal_data": "yes"}
    assert post(tvp_client, "/reports/2020-21-Q2/messages", confirmed).status_code == 303
    flags = call(
        tvp_client, lambda: FlaggedText.select(FlaggedText.record_table, FlaggedText.field)
    )
    assert flags == [{"record_table": "report_message", "field": "text"}]


def test_a_chair_downloads_but_cannot_publish_or_write_messages(tvp_client):
    tvp_client.post("/sign-out", headers=csrf_headers(tvp_client))
    assert sign_in(tvp_client, CHAIR).status_code == 303
    page = tvp_client.get("/reports/2020-21-Q2")
    assert "Publish the" not in page.text
    assert "Save key messages" not in page.text
    assert "Save the MASA front sheet" not in page.text
    assert tvp_client.get("/reports/2020-21-Q2/business-group.xlsx").status_code == 200
    assert tvp_client.get("/reports/2020-21-Q2/masa/publish").status_code == 403
    assert publish(tvp_client, "2020-21-Q2", "masa", 1).status_code == 403
    front = {"meeting": "Board", "marking": "OFFICIAL"}
    assert post(tvp_client, "/reports/2020-21-Q2/masa/front-sheet", front).status_code == 403
