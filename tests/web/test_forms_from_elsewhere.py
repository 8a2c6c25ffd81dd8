"""A change is accepted only from the tracker's own pages, in the sign-in that showed them:
its token belongs to one session, and a form posted from another website is refused."""

from __future__ import annotations

import re

import pytest

from tests.support.accounts import BUSINESS_UNIT, TVP_LEAD, VIEWER, csrf_headers, sign_in
from tracker.core.web.csrf import FormNotAccepted

TITLE = FormNotAccepted.title


def page_token(client, path: str = "/") -> str:
    return re.search(r'name="_csrf_token" value="([0-9a-f]+)"', client.get(path).text)[1]


def sign_out(client, token: str, headers: dict[str, str] | None = None):
    return client.post(
        "/sign-out", data={"_csrf_token": token}, headers=headers or {}, follow_redirects=False
    )


def still_signed_in(client) -> bool:
    return client.get("/", follow_redirects=False).status_code == 200


def test_a_token_from_one_session_is_refused_in_another(anonymous_client):
    client = anonymous_client
    assert sign_in(client, VIEWER).status_code == 303
    first = page_token(client, "/profile")
    client.post("/sign-out", headers=csrf_headers(client))
    assert sign_in(client, VIEWER).status_code == 303  # the same person, a new session
    response = sign_out(client, first)
    assert response.status_code == 403
    assert TITLE in response.text
    assert "belongs to an earlier sign-in" in response.text
    assert still_signed_in(client)
    assert sign_out(client, page_token(client, "/profile")).status_code == 303
    assert not still_signed_in(client)


def test_another_persons_token_is_refused(serve, seeded_db):
    with serve(seeded_db) as business_unit:
        theirs = page_token(business_unit)
        business_unit.post("/sign-out", headers=csrf_headers(business_unit))
        assert sign_in(business_unit, TVP_LEAD).status_code == 303
        assert sign_out(business_unit, theirs).status_code == 403
        assert still_signed_in(business_unit)


def test_the_token_from_before_sign_in_is_refused_after_it(anonymous_client):
    before = page_token(anonymous_client, "/sign-in")
    assert sign_in(anonymous_client, VIEWER).status_code == 303
    assert sign_out(anonymous_client, before).status_code == 403
    assert still_signed_in(anonymous_client)


def test_each_session_has_its_own_token_and_the_cookie_follows_it(anonymous_client):
    client = anonymous_client
    signed_out = page_token(client, "/sign-in")
    assert client.cookies["csrftoken"] == signed_out
    assert sign_in(client, VIEWER).status_code == 303
    first = page_token(client)
    assert first != signed_out
    assert client.cookies["csrftoken"] == first
    assert page_token(client, "/profile") == first  # the same all through a session
    client.post("/sign-out", headers=csrf_headers(client))
    assert client.cookies["csrftoken"] not in (first, signed_out)
    assert sign_in(client, VIEWER).status_code == 303
    assert page_token(client) not in (first, signed_out)


@pytest.mark.parametrize(
    "said",
    [
        {"origin": "https://evil.example"},
        {"origin": "http://testserver.local.evil.example"},
        {"origin": "null"},
        {"referer": "https://evil.example/page.html"},
    ],
    ids=["another site", "a lookalike", "an opaque origin", "another site's page, no Origin"],
)
def test_a_form_from_another_website_is_refused_even_with_a_good_token(client, said):
    response = sign_out(client, page_token(client), headers=said)
    assert response.status_code == 403
    assert TITLE in response.text
    assert "sent from another website, so nothing was changed" in response.text
    assert "Traceback" not in response.text
    assert still_signed_in(client)


def test_signing_in_from_another_website_is_refused(anonymous_client):
    response = anonymous_client.post(
        "/sign-in",
        data={"email": BUSINESS_UNIT, "password": "x", "next": "/"},
        headers={**csrf_headers(anonymous_client), "origin": "https://evil.example"},
    )
    assert response.status_code == 403
    assert "tracker_session" not in anonymous_client.cookies


@pytest.mark.parametrize(
    "said",
    [
        {},
        {"origin": "http://testserver.local"},
        {"origin": "http://TestServer.local"},
        {"referer": "http://testserver.local/profile"},
        {"origin": "http://localhost:8000"},  # TRACKER_BASE_URL, as behind a proxy
    ],
    ids=["no origin", "this site", "this site in capitals", "this site's page", "base url"],
)
def test_a_form_from_the_tracker_itself_is_accepted(client, said):
    assert sign_out(client, page_token(client), headers=said).status_code == 303
    assert not still_signed_in(client)


def test_reading_is_never_refused_for_where_it_came_from(client):
    assert client.get("/", headers={"origin": "https://evil.example"}).status_code == 200
