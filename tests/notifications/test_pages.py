"""Notifications through the app: e-mailed after the change's response, chosen on the
Profile page, and listed on the Reminders page."""

from collections.abc import Iterator
from dataclasses import replace
from datetime import timedelta

import pytest
from litestar.testing import TestClient

from tests.challenges.test_services import tvp_action
from tests.support.accounts import CHAIR, TVP_LEAD, VIEWER, csrf_headers, sign_in
from tests.support.clock import TODAY, on_today
from tracker.core.tables import Notice

pytestmark = on_today  # reply-by days are checked against the tracker's today
IN_A_FORTNIGHT = (TODAY.date() + timedelta(days=14)).isoformat()
LEAD_KINDS = ("challenge-raised", "return-sent-back", "return-accepted", "deadline-set")


@pytest.fixture
def action_id(named) -> int:
    """A TVP action's id, read before any app opens (on PostgreSQL its pool is the app's)."""
    return tvp_action()["id"]


@pytest.fixture
def app_on(named, action_id, settings_for):
    """`opened(server, email)`: a client of an app e-mailing through `server`, signed in."""

    def opened(server, email: str) -> TestClient:
        from tracker.web.app import create_app

        settings = replace(settings_for(named), smtp=server, base_url="https://t.example")
        client = TestClient(create_app(settings))
        client.__enter__()
        assert sign_in(client, email).status_code == 303
        return client

    return opened


@pytest.fixture
def as_chair(app_on, smtp) -> Iterator[TestClient]:
    client = app_on(smtp.server, CHAIR)
    yield client
    client.__exit__(None, None, None)


def challenge(client: TestClient, action_id: int):
    return client.post(
        f"/actions/{action_id}/challenges",
        data={"question": "Why is this still amber?", "reply_wanted_by": IN_A_FORTNIGHT},
        headers=csrf_headers(client),
        follow_redirects=False,
    )


def boxes(page: str) -> dict[str, bool]:
    """The Profile page's notice checkboxes: kind: ticked."""
    found = {}
    for part in page.split('name="kinds" value="')[1:]:
        kind, rest = part.split('"', 1)
        found[kind] = rest.split(">", 1)[0].strip().startswith("checked")
    return found


def test_a_challenge_raised_on_the_page_is_e_mailed_to_the_lead_and_listed(
    as_chair, smtp, action_id
):
    assert challenge(as_chair, action_id).status_code == 303

    [message] = smtp.mailbox.to(TVP_LEAD)
    assert message["Subject"].startswith("Challenge on action")
    assert "https://t.example/challenges/" in message.get_content()
    page = as_chair.get("/reminders").text
    log = page.split('id="notices"', 1)[1]
    assert "<td>Tia Lead</td>" in log and "<td>Challenge raised</td>" in log
    assert "Sent" in log and "Notifications are not e-mailed" not in page


def test_a_send_the_server_refuses_leaves_the_challenge_and_the_page_says_why(
    as_chair, smtp, action_id
):
    smtp.mailbox.refuse.add(TVP_LEAD)

    response = challenge(as_chair, action_id)

    assert response.status_code == 303
    assert as_chair.get(response.headers["location"]).status_code == 200
    log = as_chair.get("/reminders").text.split('id="notices"', 1)[1]
    assert (
        "Failed, to be tried again</strong> after 1 attempt: the server refused the recipient: 550"
        in log
    )


def test_without_smtp_the_reminders_page_lists_notices_as_not_sent(app_on, action_id):
    client = app_on(None, CHAIR)
    try:
        challenge(client, action_id)
        page = client.get("/reminders").text
        profile = client.get("/profile").text
    finally:
        client.__exit__(None, None, None)
    assert "Notifications are not e-mailed: no SMTP server is set" in page
    assert "<strong>Not sent</strong>: no SMTP server set" in page
    assert "The tracker has no e-mail server set up, so no e-mails go out" in profile


def test_a_lead_turns_a_kind_off_on_their_profile_and_is_not_e_mailed_it(app_on, smtp, action_id):
    lead = app_on(smtp.server, TVP_LEAD)
    try:
        assert boxes(lead.get("/profile").text) == dict.fromkeys(LEAD_KINDS, True)
        saved = lead.post(
            "/profile/notifications",
            data={"kinds": ["return-sent-back", "deadline-set"]},
            headers=csrf_headers(lead),
            follow_redirects=False,
        )
        assert saved.status_code == 303
        page = lead.get(saved.headers["location"]).text
    finally:
        lead.__exit__(None, None, None)
    assert "Your choice of e-mails is saved." in page
    assert boxes(page) == {
        "challenge-raised": False,
        "return-sent-back": True,
        "return-accepted": False,
        "deadline-set": True,
    }
    chair = app_on(smtp.server, CHAIR)
    try:
        assert boxes(chair.get("/profile").text) == {
            "challenge-answered": True,
            "return-submitted": True,
        }
        challenge(chair, action_id)
    finally:
        chair.__exit__(None, None, None)
    assert smtp.mailbox.received == [] and Notice.count().run_sync() == 0


def test_a_viewer_has_no_e_mails_to_choose_and_the_form_needs_its_token(app_on, smtp):
    viewer = app_on(smtp.server, VIEWER)
    try:
        assert 'id="notifications"' not in viewer.get("/profile").text
        refused = viewer.post("/profile/notifications", data={"kinds": "deadline-set"})
    finally:
        viewer.__exit__(None, None, None)
    assert refused.status_code == 403
