"""Every page needs a signed-in person; signing in is guarded against guessing."""

import re

import pytest

from tests.support.accounts import (
    BUSINESS_UNIT,
    PASSWORD,
    TVP_LEAD,
    csrf_headers,
    make_account_async,
    sign_in,
)
from tracker.accounts.store import disable_account
from tracker.core.roles import Role
from tracker.core.web.access import SESSION_COOKIE

PAGES = ["/", "/agencies", "/core-components", "/glossary"]


@pytest.mark.parametrize("path", [*PAGES, "/plans/1", "/actions/1"])
def test_every_page_sends_a_stranger_to_sign_in_and_back(anonymous_client, path):
    response = anonymous_client.get(path, follow_redirects=False)
    assert response.status_code == 303
    assert response.headers["location"] == "/sign-in?next=" + path.replace("/", "%2F")


def test_an_htmx_request_without_a_session_is_told_to_redirect(anonymous_client):
    response = anonymous_client.get("/plans/1", headers={"HX-Request": "true"})
    assert response.status_code == 204
    assert response.headers["hx-redirect"].startswith("/sign-in?next=")


def test_the_sign_in_page_health_probe_and_styles_need_no_session(anonymous_client):
    assert anonymous_client.get("/sign-in").status_code == 200
    assert anonymous_client.get("/healthz").status_code == 200
    assert anonymous_client.get("/static/tracker.css").status_code == 200


def test_signing_in_sets_a_fresh_http_only_session_cookie_and_goes_where_asked(anonymous_client):
    anonymous_client.cookies.set("tracker_session", "planted-by-an-attacker")
    response = anonymous_client.post(
        "/sign-in",
        data={"email": "  Lead@Example.org ", "password": PASSWORD, "next": "/glossary"},
        headers=csrf_headers(anonymous_client),
        follow_redirects=False,
    )
    assert response.status_code == 303
    assert response.headers["location"] == "/glossary"
    cookie = response.headers["set-cookie"]
    assert "HttpOnly" in cookie and "SameSite=lax" in cookie
    token = re.search(r"tracker_session=([^;]+)", cookie)[1]
    assert token != "planted-by-an-attacker" and len(token) >= 40
    assert "Agency lead" in anonymous_client.get("/glossary").text


def test_next_never_leads_off_the_site(anonymous_client):
    response = anonymous_client.post(
        "/sign-in",
        data={"email": TVP_LEAD, "password": PASSWORD, "next": "//evil.example/"},
        headers=csrf_headers(anonymous_client),
        follow_redirects=False,
    )
    assert response.headers["location"] == "/my-actions"  # where a lead lands


def test_a_wrong_password_says_so_without_saying_which_part_was_wrong(anonymous_client):
    response = sign_in(anonymous_client, BUSINESS_UNIT, "not the password")
    assert response.status_code == 400
    assert "The email address or password is not right." in response.text
    unknown = sign_in(anonymous_client, "nobody@example.org", "not the password")
    assert "The email address or password is not right." in unknown.text


def test_five_failed_sign_ins_lock_the_email_even_for_the_right_password(anonymous_client):
    for _ in range(5):
        assert sign_in(anonymous_client, TVP_LEAD, "guess").status_code == 400
    locked = sign_in(anonymous_client, TVP_LEAD)
    assert locked.status_code == 429
    assert (
        "Too many failed attempts for this email address. Try again in 15 minutes." in locked.text
    )
    assert sign_in(anonymous_client, BUSINESS_UNIT).status_code == 303  # others unaffected


def test_signing_out_ends_the_session_on_the_server(client):
    cookie = client.cookies["tracker_session"]
    response = client.post("/sign-out", headers=csrf_headers(client), follow_redirects=False)
    assert response.status_code == 303
    client.cookies.set("tracker_session", cookie)  # replaying the old cookie
    assert client.get("/", follow_redirects=False).status_code == 303


def test_forms_without_the_csrf_token_are_refused(client):
    response = client.post("/sign-out", follow_redirects=False)
    assert response.status_code == 403
    assert "Traceback" not in response.text


def test_a_disabled_account_is_signed_out_at_once(client):
    assert client.get("/").status_code == 200
    with client.portal() as portal:  # on the app's own event loop, as the CLI would be
        # A second business-unit account first: the last one cannot be disabled.
        portal.call(make_account_async, Role.BUSINESS_UNIT, "second.unit@example.org")
        portal.call(disable_account, BUSINESS_UNIT)
    assert client.get("/", follow_redirects=False).status_code == 303
    assert sign_in(client, BUSINESS_UNIT).status_code == 400


def test_the_sign_in_form_carries_its_own_csrf_token(anonymous_client):
    form = anonymous_client.get("/sign-in").text
    token = re.search(r'<input type="hidden" name="_csrf_token" value="([0-9a-f]+)">', form)[1]
    response = anonymous_client.post(
        "/sign-in",
        data={"_csrf_token": token, "email": TVP_LEAD, "password": PASSWORD, "next": "/"},
        follow_redirects=False,
    )
    assert response.status_code == 303


def test_an_ended_session_is_sent_to_sign_in_back_to_the_page_it_was_on_and_told_why(
    anonymous_client,
):
    anonymous_client.cookies.set(SESSION_COOKIE, "a-session-that-has-ended")
    # An htmx request comes back to the page it was made from, not to the fragment's address.
    htmx = anonymous_client.get(
        "/actions/1/update",
        headers={"HX-Request": "true", "HX-Current-URL": "http://testserver.local/my-actions"},
    )
    assert htmx.headers["hx-redirect"] == "/sign-in?next=%2Fmy-actions&ended=1"
    # An htmx request naming another site's page comes back to the home page.
    elsewhere = anonymous_client.get(
        "/plans/1",
        headers={"HX-Request": "true", "HX-Current-URL": "https://evil.example/my-actions"},
    )
    assert elsewhere.headers["hx-redirect"] == "/sign-in?next=%2F&ended=1"
    page = anonymous_client.get("/sign-in?next=%2Fmy-actions&ended=1")
    assert "Your session ended, so nothing was saved." in page.text
    assert 'name="next" value="/my-actions"' in page.text


def test_a_stranger_without_a_session_is_not_told_a_session_ended(anonymous_client):
    response = anonymous_client.get("/plans/1", follow_redirects=False)
    assert "ended" not in response.headers["location"]
    assert "Your session ended" not in anonymous_client.get("/sign-in").text
