"""A new account's invitation, e-mailed through a real SMTP server: the link in it sets the
password, and nothing shows the business unit a password or (once e-mailed) the link."""

import re

from tests.support.accounts import BUSINESS_UNIT, csrf_headers, sign_in
from tests.support.portal import call
from tracker.core.tables import Account, AuditEvent

NEW_PASSWORD = "granite lantern meadow 7"
NEW = {"email": "sam.patel@example.org", "name": "Sam Patel", "role": "viewer"}


def add(client, form=NEW):
    return client.post("/users", data=form, headers=csrf_headers(client), follow_redirects=False)


def test_a_new_account_is_e_mailed_its_invitation_and_the_link_sets_its_password(
    mailing_client, smtp
):
    assert sign_in(mailing_client, BUSINESS_UNIT).status_code == 303
    added = add(mailing_client)
    assert added.status_code == 200
    assert "We e-mailed sam.patel@example.org an invitation" in added.text
    assert "handed-link" not in added.text and "/sign-in/password/" not in added.text
    [message] = smtp.mailbox.received
    assert message["To"] == NEW["email"]
    assert message["Subject"] == "Neglect strategy tracker: your account"
    body = message.get_content()
    assert body.startswith("Dear Sam Patel,") and "signing in as sam.patel@example.org" in body
    path = re.search(r"https://t\.example(/sign-in/password/\S+)", body)[1]

    mailing_client.post("/sign-out", headers=csrf_headers(mailing_client))
    assert sign_in(mailing_client, NEW["email"], "").status_code == 400  # no password yet
    page = mailing_client.get(path)
    assert "Choose your password" in page.text and "At least 12 characters" in page.text
    done = mailing_client.post(
        path,
        data={"password": NEW_PASSWORD, "confirm": NEW_PASSWORD},
        headers=csrf_headers(mailing_client),
        follow_redirects=False,
    )
    assert done.status_code == 303
    assert sign_in(mailing_client, NEW["email"], NEW_PASSWORD).status_code == 303
    assert "Sam Patel" in mailing_client.get("/profile").text


def test_when_the_invitation_cannot_be_e_mailed_the_link_is_shown_to_hand_over(
    app_with_mail, closed_smtp
):
    with app_with_mail(closed_smtp) as client:
        assert sign_in(client, BUSINESS_UNIT).status_code == 303
        added = add(client)
        assert added.status_code == 200 and added.headers["cache-control"] == "no-store"
        assert "The e-mail could not be sent" in added.text
        assert re.search(r'id="handed-link" class="token" value="https://t\.example/', added.text)
        assert call(client, lambda: Account.exists().where(Account.email == NEW["email"]))
        kinds = call(
            client,
            lambda: AuditEvent.select(AuditEvent.kind).where(AuditEvent.subject == NEW["email"]),
        )
    assert [row["kind"] for row in kinds] == [
        "account-created",
        "password-link-not-sent",
    ]


def test_sending_again_to_someone_who_never_chose_a_password_is_their_invitation(
    mailing_client, smtp
):
    assert sign_in(mailing_client, BUSINESS_UNIT).status_code == 303
    add(mailing_client)
    account_id = call(
        mailing_client,
        lambda: Account.select(Account.id).where(Account.email == NEW["email"]).first(),
    )["id"]
    again = mailing_client.post(
        f"/users/{account_id}/reset-password", headers=csrf_headers(mailing_client)
    )
    assert again.status_code == 200 and "an invitation" in again.text
    assert [m["Subject"] for m in smtp.mailbox.received] == [
        "Neglect strategy tracker: your account"
    ] * 2
    first = re.search(r"(/sign-in/password/\S+)", smtp.mailbox.received[0].get_content())[1]
    assert mailing_client.get(first).status_code == 409  # the newer link replaced it
