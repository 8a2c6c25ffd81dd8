"""The front sheet of a quarter's paper, written per audience by the business unit: the
rules, the form on the quarter's Reports page, and the report that carries it."""

from __future__ import annotations

import json
from datetime import date

import pytest

from tests.reports.test_page import NHS_NUMBER, post, report_json
from tests.support.accounts import CHAIR, csrf_headers, sign_in
from tests.support.portal import call
from tracker.audit.kinds import AuditKind
from tracker.core.tables import AuditEvent, FlaggedText, ReportFrontSheet
from tracker.reports.model import Audience, FrontSheet, Marking
from tracker.reports.rules import (
    MAX_PURPOSE,
    FrontSheetForm,
    blank_front_sheet,
    front_sheet_problems,
)

URL = "/reports/2020-21-Q2/masa/front-sheet"
FRONT = {
    "meeting": "MASA  Executive ",
    "meeting_date": "2021-01-14",
    "marking": "OFFICIAL-SENSITIVE",
    "purpose": "To assure MASA of the plan's progress.",
    "summary": "Red actions fell from 4 to 1.\r\n\r\n- CSC returned late\r\n- <b>TVP</b> on track",
    "recommendations": "MASA is asked to note the report.",
}


def sheets(client) -> list[dict]:
    return call(client, lambda: ReportFrontSheet.select().order_by(ReportFrontSheet.id))


# The rules, with plain data.


def test_a_front_sheet_keeps_its_texts_as_typed_with_line_ends_made_plain():
    sheet, problems = front_sheet_problems(FrontSheetForm(**FRONT))
    assert problems == {}
    assert sheet == FrontSheet(
        meeting="MASA Executive",
        meeting_date=date(2021, 1, 14),
        marking=Marking.OFFICIAL_SENSITIVE,
        purpose="To assure MASA of the plan's progress.",
        summary="Red actions fell from 4 to 1.\n\n- CSC returned late\n- <b>TVP</b> on track",
        recommendations="MASA is asked to note the report.",
    )


def test_each_wrong_field_of_a_front_sheet_gets_its_own_message():
    form = FrontSheetForm(
        meeting="x" * 201,
        meeting_date="2021-02-30",
        marking="SECRET",
        purpose="p" * (MAX_PURPOSE + 1),
        summary="a\x00b",
    )
    sheet, problems = front_sheet_problems(form)
    assert sheet is None
    assert problems == {
        "meeting": "Meeting must be 200 characters or fewer: it has 201.",
        "meeting_date": "Enter the meeting date as a real date, for example 2021-01-14.",
        "marking": "Choose the protective marking: OFFICIAL or OFFICIAL-SENSITIVE.",
        "purpose": "Purpose must be 2,000 characters or fewer: it has 2,001.",
        "summary": "Summary holds a character that cannot be stored: type it again.",
    }


def test_before_one_is_written_the_front_sheet_names_the_audiences_meeting():
    assert blank_front_sheet(Audience.BUSINESS_GROUP) == FrontSheet(meeting="OSCB Business Group")
    assert blank_front_sheet(Audience.MASA).marking is Marking.OFFICIAL
    assert blank_front_sheet(Audience.MASA).author == "OSCB Business Unit"


# The form and the report.


def test_a_saved_front_sheet_is_in_its_audiences_reports_and_audited(tvp_client):
    saved = post(tvp_client, URL, FRONT)
    assert saved.status_code == 303
    assert saved.headers["location"] == "/reports/2020-21-Q2?saved=front-masa#masa-heading"
    assert report_json(tvp_client, audience="masa")["front"] == {
        "meeting": "MASA Executive",
        "meeting_date": "2021-01-14",
        "marking": "OFFICIAL-SENSITIVE",
        "author": "OSCB Business Unit",
        "purpose": "To assure MASA of the plan's progress.",
        "summary": "Red actions fell from 4 to 1.\n\n- CSC returned late\n- <b>TVP</b> on track",
        "recommendations": "MASA is asked to note the report.",
    }
    # The other audience's, and another quarter's, are their own.
    assert report_json(tvp_client)["front"]["meeting"] == "OSCB Business Group"
    assert report_json(tvp_client)["front"]["marking"] == "OFFICIAL"
    assert report_json(tvp_client, "2020-21-Q1", "masa")["front"]["purpose"] == ""
    page = tvp_client.get("/reports/2020-21-Q2?saved=front-masa")
    assert "Front sheet of the MASA report saved." in page.text
    assert (
        '<input type="radio" id="masa-marking-OFFICIAL-SENSITIVE" name="marking" '
        'value="OFFICIAL-SENSITIVE" checked>'
    ) in page.text
    assert "&lt;b&gt;TVP&lt;/b&gt; on track</textarea>" in page.text  # kept, never markup
    entries = call(
        tvp_client,
        lambda: AuditEvent.select(AuditEvent.subject, AuditEvent.before, AuditEvent.after).where(
            AuditEvent.kind == AuditKind.REPORT_FRONT_SHEET_SAVED.value
        ),
    )
    assert [entry["subject"] for entry in entries] == ["MASA front sheet, 2020-21 Q2"]
    assert json.loads(entries[0]["before"]) == {}
    assert json.loads(entries[0]["after"])["meeting_date"] == "2021-01-14"


def test_saving_again_replaces_the_front_sheet_and_audits_what_it_was(tvp_client):
    assert post(tvp_client, URL, FRONT).status_code == 303
    again = FRONT | {"marking": "OFFICIAL", "meeting_date": ""}
    assert post(tvp_client, URL, again).status_code == 303
    rows = sheets(tvp_client)
    assert [(row["audience"], row["marking"], row["meeting_date"]) for row in rows] == [
        ("masa", "OFFICIAL", None)
    ]
    last = call(
        tvp_client,
        lambda: (
            AuditEvent.select(AuditEvent.before, AuditEvent.after)
            .where(AuditEvent.kind == AuditKind.REPORT_FRONT_SHEET_SAVED.value)
            .order_by(AuditEvent.id, ascending=False)
            .first()
        ),
    )
    assert json.loads(last["before"])["marking"] == "OFFICIAL-SENSITIVE"
    assert json.loads(last["after"])["marking"] == "OFFICIAL"


def test_a_refused_front_sheet_says_why_next_to_each_field_and_keeps_what_was_typed(tvp_client):
    typed = FRONT | {"meeting_date": "14/01/2021", "purpose": "p" * 2001}
    refused = post(tvp_client, URL, typed)
    assert refused.status_code == 422
    text = refused.text
    assert "<title>Error: Reports for 2020-21 Q2" in text
    assert "There is a problem" in text
    assert 'href="#masa-meeting_date"' in text and 'href="#masa-purpose"' in text
    assert 'id="masa-meeting_date-error"' in text
    assert "Purpose must be 2,000 characters or fewer: it has 2,001." in text
    assert 'value="14/01/2021"' in text  # as typed, to put right
    assert "MASA  Executive " in text
    assert "p" * 2001 in text
    # The other audience's form shows no error of this one.
    assert 'id="business-group-purpose-error"' not in text
    assert sheets(tvp_client) == []


def test_a_front_sheet_that_looks_like_personal_data_is_saved_only_once_confirmed(tvp_client):
    typed = FRONT | {"summary": f"One child (NHS {NHS_NUMBER}) waited."}
    warned = post(tvp_client, "/reports/2020-21-Q2/business-group/front-sheet", typed)
    assert warned.status_code == 422
    assert 'id="business-group-confirm_personal_data"' in warned.text
    assert 'href="#business-group-summary"' in warned.text
    assert f"One child (NHS {NHS_NUMBER}) waited." in warned.text
    assert sheets(tvp_client) == []
    confirmed = typed | {"confirm_personal_data": "yes"}
    saved = post(tvp_client, "/reports/2020-21-Q2/business-group/front-sheet", confirmed)
    assert saved.status_code == 303
    flags = call(
        tvp_client, lambda: FlaggedText.select(FlaggedText.record_table, FlaggedText.field)
    )
    assert flags == [{"record_table": "report_front_sheet", "field": "summary"}]
    assert NHS_NUMBER in report_json(tvp_client)["front"]["summary"]


def test_a_front_sheet_without_the_csrf_token_is_refused_and_not_saved(tvp_client):
    tvp_client.get("/reports/2020-21-Q2")
    refused = tvp_client.post(URL, data=FRONT, follow_redirects=False)
    assert refused.status_code == 403
    assert sheets(tvp_client) == []


@pytest.mark.parametrize("audience", ["masa", "business-group"])
def test_only_the_business_unit_writes_a_front_sheet_others_read_it(tvp_client, audience):
    url = f"/reports/2020-21-Q2/{audience}/front-sheet"
    assert post(tvp_client, url, FRONT).status_code == 303
    tvp_client.post("/sign-out", headers=csrf_headers(tvp_client))
    assert sign_in(tvp_client, CHAIR).status_code == 303
    assert post(tvp_client, url, FRONT | {"purpose": "Changed"}).status_code == 403
    page = tvp_client.get("/reports/2020-21-Q2")
    assert "To assure MASA of the plan&#39;s progress." in page.text
    assert "14 Jan 2021" in page.text
    assert "<form" not in page.text.split('id="published"')[1].split("Key messages")[0]
    assert [row["purpose"] for row in sheets(tvp_client)] == [FRONT["purpose"]]
