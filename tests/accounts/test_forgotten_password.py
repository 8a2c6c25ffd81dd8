"""'Forgotten your password?' end to end, against a real SMTP server: the e-mailed link
works once, for an hour, ends the person's sessions; the page answers the same for any
address; and asking is throttled."""

import re

from tests.support.accounts import PASSWORD, TVP_LEAD, csrf_headers, sign_in
from tests.support.portal import call
from tracker.accounts.forgotten import MOST_ASKED_FROM_A_CLIENT, MOST_LINKS_TO_AN_ACCOUNT
from tracker.accounts.sessions import sign_in as start_session
from tracker.accounts.sessions import signed_in
from tracker.core.tables import AuditEvent, PasswordLink

NEW_PASSWORD = "granite lantern meadow 7"


def ask(client, email: str):
    return client.post(
        "/sign-in/forgotten",
        data={"email": email},
        headers=csrf_headers(client),
        follow_redirects=False,
    )


def link_in(message) -> str:
    return re.search(r"https://t\.example(/sign-in/password/\S+)", message.get_content())[1]


def set_password(client, path: str, password: str = NEW_PASSWORD, confirm: str | None = None):
    return client.post(
        path,
        data={"password": password, "confirm": password if confirm is None else confirm},
        headers=csrf_headers(client),
        follow_redirects=False,
    )


def test_the_sign_in_page_offers_it(mailing_client):
    page = mailing_client.get("/sign-in")
    assert '<a href="/sign-in/forgotten">Forgotten your password?</a>' in page.text
    form = mailing_client.get("/sign-in/forgotten")
    assert form.status_code == 200 and "E-mail me a link" in form.text
    assert "not set up to send e-mail" not in form.text


def test_without_smtp_the_page_says_to_ask_the_business_unit(anonymous_client):
    form = anonymous_client.get("/sign-in/forgotten")
    assert "not set up to send e-mail: ask the business unit to make you a link" in form.text


def test_a_known_and_an_unknown_address_get_the_same_answer_and_only_one_gets_mail(
    mailing_client, smtp
):
    known = ask(mailing_client, TVP_LEAD)
    unknown = ask(mailing_client, "nobody@example.org")
    assert known.status_code == unknown.status_code == 200
    assert known.text.replace(TVP_LEAD, "X") == unknown.text.replace("nobody@example.org", "X")
    [message] = smtp.mailbox.received
    assert message["To"] == TVP_LEAD
    assert message["Subject"] == "Neglect strategy tracker: set a new password"
    assert "works once, until" in message.get_content()
    entries = call(
        mailing_client,
        lambda: (
            AuditEvent.select(AuditEvent.subject, AuditEvent.summary)
            .where(AuditEvent.kind == "password-link-asked")
            .order_by(AuditEvent.id)
        ),
    )
    assert [entry["subject"] for entry in entries] == [TVP_LEAD, "nobody@example.org"]
    assert "nothing sent" in entries[1]["summary"]


def test_the_e_mailed_link_sets_a_new_password_once_then_says_it_has_been_used(
    mailing_client, smtp
):
    other = call(mailing_client, lambda: start_session(TVP_LEAD, PASSWORD, client="elsewhere"))
    ask(mailing_client, TVP_LEAD)
    path = link_in(smtp.mailbox.received[0])

    shown = mailing_client.get(path)
    assert shown.status_code == 200 and "Choose a new password" in shown.text
    assert set_password(mailing_client, path, "short").status_code == 400
    mismatch = set_password(mailing_client, path, NEW_PASSWORD, "something else entirely")
    assert "not the same" in mismatch.text
    done = set_password(mailing_client, path)
    assert done.status_code == 303
    assert done.headers["location"] == "/sign-in?done=password-set&email=lead%40example.org"
    assert "Your password is set" in mailing_client.get(done.headers["location"]).text

    again = mailing_client.get(path)
    assert again.status_code == 409 and "already been used" in again.text
    assert set_password(mailing_client, path, "another fine password 9").status_code == 409
    assert sign_in(mailing_client, TVP_LEAD, PASSWORD).status_code == 400
    assert sign_in(mailing_client, TVP_LEAD, NEW_PASSWORD).status_code == 303
    # The session signed in elsewhere ended with the reset.
    assert call(mailing_client, lambda: signed_in(other.token)) is None


def test_a_made_up_link_says_it_is_not_right(mailing_client):
    page = mailing_client.get("/sign-in/password/not-a-real-link")
    assert page.status_code == 404 and "This link is not right" in page.text


def test_asking_too_often_from_one_place_is_refused_for_a_while(mailing_client, smtp):
    for number in range(MOST_ASKED_FROM_A_CLIENT):
        assert ask(mailing_client, f"someone{number}@example.org").status_code == 200
    refused = ask(mailing_client, TVP_LEAD)
    assert refused.status_code == 429 and "Too many requests from here" in refused.text
    assert smtp.mailbox.received == []


def test_one_account_gets_a_few_links_an_hour_at_most(app_with_mail, smtp):
    for _ in range(MOST_LINKS_TO_AN_ACCOUNT + 1):
        with app_with_mail(smtp.server) as client:  # each from its own browser
            assert ask(client, TVP_LEAD).status_code == 200
    assert len(smtp.mailbox.to(TVP_LEAD)) == MOST_LINKS_TO_AN_ACCOUNT
    with app_with_mail(smtp.server) as client:
        links = call(client, lambda: PasswordLink.count().run())
    assert links == MOST_LINKS_TO_AN_ACCOUNT


def test_a_failed_send_is_logged_and_audited_and_the_answer_is_the_same(app_with_mail, closed_smtp):
    with app_with_mail(closed_smtp) as client:
        answer = ask(client, TVP_LEAD)
        assert answer.status_code == 200 and "Check your e-mail" in answer.text
        [entry] = call(
            client,
            lambda: AuditEvent.select(AuditEvent.subject, AuditEvent.summary).where(
                AuditEvent.kind == "password-link-not-sent"
            ),
        )
    assert entry["subject"] == TVP_LEAD and "refused the connection" in entry["summary"]
