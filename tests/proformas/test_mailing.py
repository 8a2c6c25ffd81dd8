"""E-mailing each agency's leads their plan's proforma: confirm, send, never twice,
failures retried, listed on the Returns page; leads download their own from My actions.

Against a real SMTP server on the loopback (aiosmtpd). Ids and counts are read before
an app opens: its connections are not the test's.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from dataclasses import replace
from datetime import date

import pytest
from litestar.testing import TestClient
from openpyxl import load_workbook

from tests.reminders.conftest import closed_smtp, smtp  # noqa: F401 - fixtures used here
from tests.returns.test_steps import tvp_plan
from tests.support.accounts import (
    BUSINESS_UNIT,
    CHAIR,
    TVP_LEAD,
    VIEWER,
    csrf_headers,
    sign_in,
)
from tests.support.clock import TODAY, on_today
from tracker.audit.kinds import AuditKind
from tracker.core.dates import Quarter
from tracker.core.mail import Attachment, Mail, message
from tracker.core.tables import Account, AuditEvent, Plan, ProformaMail
from tracker.proformas.rules import (
    FAILED,
    SENDING,
    SENT,
    Recipient,
    mail_body,
    mail_key,
    mail_round,
)
from tracker.returns.rules import collecting

QUARTER = "2020-21-Q2"
CONFIRM = f"/returns/{QUARTER}/proformas/email"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


# The rules: who gets what.


def test_a_round_skips_those_sent_retries_the_failed_and_lists_plans_without_leads():
    quarter = Quarter.parse(QUARTER)
    plans = [(1, "Police"), (2, "Health"), (3, "Schools")]
    leads = {1: [("a@x.org", "Ann"), ("b@x.org", "Ben")], 2: [("c@x.org", "Cy")], 3: []}
    statuses = {
        mail_key(1, quarter, "a@x.org"): SENT,
        mail_key(1, quarter, "B@x.org"): FAILED,
        mail_key(2, quarter, "c@x.org"): SENDING,  # began, never confirmed: not sent again
    }
    found = mail_round(plans, leads, statuses, quarter)
    assert [r.email for r in found.to_send] == ["b@x.org"]
    assert found.retries == 1
    assert [r.email for r in found.already_sent] == ["a@x.org", "c@x.org"]
    assert found.without_leads == ("Schools",)
    assert (found.plans, found.plans_to_send, found.leads) == (3, 1, 1)


def test_the_text_names_the_plan_quarter_and_deadline():
    body = mail_body(
        Recipient(1, "Police", "a@x.org", "Ann"),
        Quarter.parse(QUARTER),
        date(2020, 10, 14),
        "proforma-police-2020-21-Q2.xlsx",
        "bu@x.org",
    )
    assert body.startswith("Dear Ann,")
    assert "Police proforma for 2020-21 Q2" in body
    assert "send the file back by 14 Oct 2020" in body


def test_a_mail_without_attachments_is_plain_text_and_one_with_them_carries_them():
    plain = message(Mail("a@x.org", "b@x.org", "Hi", "Hello"))
    assert not plain.is_multipart() and plain.get_content().strip() == "Hello"
    attached = message(
        Mail("a@x.org", "b@x.org", "Hi", "Hello", (Attachment("f.xlsx", XLSX, b"PK..."),))
    )
    [part] = list(attached.iter_attachments())
    assert part.get_filename() == "f.xlsx"
    assert part.get_content() == b"PK..."


# Through the app.


@pytest.fixture
def named(tvp_db):
    Account.update({Account.name: "Tia Lead"}).where(Account.email == TVP_LEAD).run_sync()
    return tvp_db


@pytest.fixture
def opened(named, settings_for) -> Iterator:
    """`opened(server, email)`: a signed-in client of an app e-mailing through `server`."""
    clients: list[TestClient] = []

    def open_client(server, email: str = BUSINESS_UNIT) -> TestClient:
        from tracker.web.app import create_app

        settings = replace(settings_for(named), smtp=server, base_url="https://t.example")
        client = TestClient(create_app(settings))
        client.__enter__()
        clients.append(client)
        assert sign_in(client, email).status_code == 303
        return client

    yield open_client
    for client in clients:
        client.__exit__(None, None, None)


def _press(client: TestClient):
    return client.post(CONFIRM, headers=csrf_headers(client), follow_redirects=False)


def _rows() -> list[dict]:
    return ProformaMail.select().order_by(ProformaMail.id).run_sync()


@pytest.mark.parametrize("email", [CHAIR, TVP_LEAD, VIEWER])
def test_only_the_business_unit_may_email_the_proformas(opened, smtp, email):  # noqa: F811
    client = opened(smtp.server, email)
    assert client.get(CONFIRM).status_code == 403
    assert _press(client).status_code == 403
    assert "E-mail each agency its proforma" not in client.get(f"/returns/{QUARTER}").text
    assert smtp.mailbox.received == []
    assert _rows() == []


def test_a_press_without_the_form_token_is_refused(opened, smtp):  # noqa: F811
    client = opened(smtp.server)
    assert client.post(CONFIRM).status_code == 403
    assert smtp.mailbox.received == []
    assert _rows() == []


def test_confirm_then_send_the_plans_proforma_once(opened, smtp):  # noqa: F811
    plan_id = tvp_plan()
    agency_plans = Plan.count().where(Plan.agency.is_not_null()).run_sync()
    client = opened(smtp.server)

    returns = client.get(f"/returns/{QUARTER}").text
    assert CONFIRM in returns
    confirm = client.get(CONFIRM).text
    assert f"1 e-mail to 1 lead of 1 of the {agency_plans} agency plans" in confirm
    assert "14 Oct 2020" in confirm
    assert "Tia Lead" in confirm
    assert "Plans with no lead to e-mail" in confirm and "Oxford Health" in confirm
    assert "already sent" not in confirm

    sent = _press(client)
    assert sent.status_code == 303
    [mail] = smtp.mailbox.received
    assert mail["To"] == TVP_LEAD
    assert "Thames Valley Police" in mail["Subject"] and "14 Oct 2020" in mail["Subject"]
    assert "send the file back by 14 Oct 2020" in mail.get_body().get_content()
    [part] = list(mail.iter_attachments())
    assert part.get_filename() == "proforma-thames-valley-police-2020-21-Q2.xlsx"
    workbook = load_workbook(io.BytesIO(part.get_content()))
    properties = {prop.name: prop.value for prop in workbook.custom_doc_props.props}
    assert properties["Tracker plan"] == "Thames Valley Police"
    assert properties["Tracker plan id"] == str(plan_id)
    assert properties["Tracker quarter"] == QUARTER

    page = client.get(sent.headers["location"]).text
    assert "Proformas e-mailed: each one sent" in page
    listed = page.split('id="proformas-emailed"')[1].split("</table>")[0]
    assert "Thames Valley Police" in listed and "Tia Lead" in listed and "Sent" in listed
    assert TVP_LEAD not in listed  # people by name

    again = client.get(CONFIRM).text
    assert "1 already sent: they will not get it again." in again
    assert "Send 1 e-mail" not in again
    assert _press(client).status_code == 303
    assert len(smtp.mailbox.received) == 1
    [row] = _rows()
    assert (row["status"], row["recipient"], row["plan"]) == (SENT, TVP_LEAD, plan_id)
    events = (
        AuditEvent.select(AuditEvent.actor, AuditEvent.summary)
        .where(AuditEvent.kind == AuditKind.PROFORMAS_EMAILED.value)
        .run_sync()
    )
    assert events[0]["actor"] == BUSINESS_UNIT
    assert "1 sent, 0 failed" in events[0]["summary"]


def test_a_refused_recipient_is_recorded_as_failed_and_retried_on_the_next_press(opened, smtp):  # noqa: F811
    smtp.mailbox.refuse.add(TVP_LEAD)
    client = opened(smtp.server)
    assert _press(client).status_code == 303
    [row] = _rows()
    assert row["status"] == FAILED and "550" in row["error"] and row["sent_at"] is None
    page = client.get(f"/returns/{QUARTER}").text
    listed = page.split('id="proformas-emailed"')[1].split("</table>")[0]
    assert "<strong>Failed</strong>" in listed and "550" in listed
    assert "1 of them failed last time and will be tried again" in client.get(CONFIRM).text

    smtp.mailbox.refuse.clear()
    assert _press(client).status_code == 303
    [row] = _rows()
    assert row["status"] == SENT and row["error"] is None
    assert [mail["To"] for mail in smtp.mailbox.received] == [TVP_LEAD]


def test_an_unreachable_server_is_a_failure_not_a_crash(opened, closed_smtp):  # noqa: F811
    client = opened(closed_smtp)
    assert _press(client).status_code == 303
    [row] = _rows()
    assert row["status"] == FAILED and "refused the connection" in row["error"]


def test_without_an_smtp_server_nothing_is_sent_or_recorded(opened):
    client = opened(None)
    confirm = client.get(CONFIRM).text
    assert "No SMTP server is set" in confirm
    assert 'action="/returns/2020-21-Q2/proformas/email"' not in confirm
    refused = _press(client)
    assert refused.status_code == 409
    assert "no proforma was e-mailed" in refused.text
    assert _rows() == []


@on_today
def test_a_lead_downloads_their_own_proforma_from_my_actions(opened):
    plan_id = tvp_plan()
    quarter = collecting(TODAY.date())
    client = opened(None, TVP_LEAD)
    page = client.get("/my-actions").text
    section = page.split('id="my-returns-heading"')[1].split("</section>")[0]
    link = f"/plans/{plan_id}/proforma/{quarter.slug}"
    assert link in section
    download = client.get(link)
    assert download.status_code == 200
    workbook = load_workbook(io.BytesIO(download.content))
    properties = {prop.name: prop.value for prop in workbook.custom_doc_props.props}
    assert properties["Tracker quarter"] == quarter.slug
