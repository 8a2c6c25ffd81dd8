"""Signing in stores only bounded values, and one client address cannot try every email."""

from functools import partial

from tests.support.accounts import BUSINESS_UNIT, PASSWORD, csrf_headers, sign_in
from tracker.accounts.sessions import sign_in as sign_in_service
from tracker.accounts.store import MAX_EMAIL
from tracker.accounts.throttle import MAX_CLIENT_FAILURES
from tracker.core.tables import AuditEvent, SignInAttempt


def longest(portal, table, column) -> int:
    rows = portal.call(
        table.raw(f"SELECT MAX(LENGTH({column})) AS n FROM {table._meta.tablename}").run
    )
    return rows[0]["n"] or 0


def test_a_huge_email_is_refused_and_stored_nowhere(anonymous_client):
    huge = "a" * 2_000_000 + "@example.org"
    for _ in range(3):
        response = sign_in(anonymous_client, huge, "guess")
        assert response.status_code == 400
        assert "An email address must be 254 characters or fewer." in response.text
        assert len(response.text) < 100_000  # not echoed back either
    with anonymous_client.portal() as portal:
        assert longest(portal, SignInAttempt, "email") <= MAX_EMAIL
        assert longest(portal, AuditEvent, "actor") <= MAX_EMAIL
        assert longest(portal, AuditEvent, "subject") <= 300
        assert portal.call(SignInAttempt.count().where(SignInAttempt.email.like("aaaa%")).run) == 0


def test_an_email_of_254_characters_is_read_and_recorded_whole(anonymous_client):
    email = "a" * (MAX_EMAIL - len("@example.org")) + "@example.org"
    assert sign_in(anonymous_client, email, "guess").status_code == 400
    with anonymous_client.portal() as portal:
        assert portal.call(SignInAttempt.exists().where(SignInAttempt.email == email).run)


def test_a_huge_password_is_refused_without_hashing_it(anonymous_client):
    response = sign_in(anonymous_client, BUSINESS_UNIT, "p" * 2_000_000)
    assert response.status_code == 400
    assert "The email address or password is not right." in response.text


def test_thirty_emails_from_one_client_address_are_throttled(anonymous_client):
    answers = [
        sign_in(anonymous_client, f"guess{number}@example.org", "guess").status_code
        for number in range(30)
    ]
    assert answers == [400] * MAX_CLIENT_FAILURES + [429] * (30 - MAX_CLIENT_FAILURES)
    locked = sign_in(anonymous_client, BUSINESS_UNIT)  # even the right password, from there
    assert locked.status_code == 429
    assert "Too many failed sign-in attempts from your network address." in locked.text
    with anonymous_client.portal() as portal:
        # Nothing is recorded once the address is over its limit: a flood fills no disk.
        assert portal.call(SignInAttempt.count().run) == MAX_CLIENT_FAILURES
        # Another address is not held up by this one.
        elsewhere = portal.call(
            partial(sign_in_service, BUSINESS_UNIT, PASSWORD, client="192.0.2.7")
        )
    assert elsewhere.token is not None


def test_the_sign_in_form_says_how_long_an_email_may_be(anonymous_client):
    page = anonymous_client.get("/sign-in", headers=csrf_headers(anonymous_client))
    assert 'maxlength="254"' in page.text
