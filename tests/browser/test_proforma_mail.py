"""The business unit e-mails each agency its proforma, on a real server e-mailing through a
real SMTP server: confirm, send, the Returns page lists what was sent; each page passes axe."""

from __future__ import annotations

import io
from collections.abc import Iterator

import pytest
from aiosmtpd.controller import Controller
from openpyxl import load_workbook

from tests.browser.conftest import CSC_LEAD, _tracker, running_server, seeded_copy, sign_in_as
from tests.browser.test_accessibility import violations
from tests.browser.test_notifications import mail_to
from tests.reminders.conftest import Mailbox, free_port
from tests.support.accounts import BUSINESS_UNIT, PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("proforma-mail")]


@pytest.fixture(scope="module")
def mailing_server(tmp_path_factory, seeded_database) -> Iterator[tuple[str, Mailbox]]:
    mailbox = Mailbox()
    smtp_port = free_port()
    controller = Controller(mailbox, hostname="127.0.0.1", port=smtp_port)
    controller.start()
    env = seeded_copy(seeded_database, tmp_path_factory.mktemp("proforma-mail"))
    env.update(SMTP_URL=f"smtp://127.0.0.1:{smtp_port}", TRACKER_BASE_URL="http://tracker.test")
    for email, role, name, agency in (
        (BUSINESS_UNIT, "business-unit", "Bea Unit", ()),
        (CSC_LEAD, "lead", "Lee Lead", ("--agency", "CSC")),
    ):
        _tracker(
            "users",
            "add",
            email,
            "--role",
            role,
            *agency,
            "--name",
            name,
            "--password-stdin",
            env=env,
            stdin=PASSWORD + "\n",
        )
    try:
        with running_server(env, tmp_path_factory.mktemp("proforma-mail-server")) as url:
            yield url, mailbox
    finally:
        controller.stop()


def test_the_business_unit_e_mails_each_agency_its_proforma(page, mailing_server):
    url, mailbox = mailing_server
    sign_in_as(page, url, BUSINESS_UNIT)
    page.goto(url + "/returns/2020-21-Q2")
    page.get_by_role("link", name="E-mail each agency its proforma for 2020-21 Q2").click()
    # The lead of Children's Social Care leads its two plans: one e-mail for each.
    assert "2 e-mails to 1 lead of 2 of the" in page.locator("main").inner_text()
    assert violations(page) == []
    page.get_by_role("button", name="Send 2 e-mails").click()
    page.wait_for_url("**/returns/2020-21-Q2?saved=emailed*")
    listed = page.locator("table", has_text="Lee Lead").inner_text()
    assert listed.count("Lee Lead") == 2 and listed.count("Sent") == 2
    assert violations(page) == []

    plans = set()
    for count in (1, 2):
        [part] = list(mail_to(mailbox, CSC_LEAD, count).iter_attachments())
        workbook = load_workbook(io.BytesIO(part.get_content()))
        properties = {prop.name: prop.value for prop in workbook.custom_doc_props.props}
        assert properties["Tracker quarter"] == "2020-21-Q2"
        plans.add(properties["Tracker plan"])
    assert len(plans) == 2

    page.goto(url + "/returns/2020-21-Q2/proformas/email")
    assert "2 already sent: they will not get it again." in page.content()
    assert page.get_by_role("button").filter(has_text="E-mail").count() == 0
