"""Every response carries the security headers, pages and downloads are never stored, and
behind HTTPS every response asks for HTTPS only: whoever made it (a page, a refusal, the
error page, the API's problem JSON, the sign-in middleware, Litestar itself, static files)."""

from __future__ import annotations

from dataclasses import replace

import pytest
from litestar.testing import TestClient

from tests.support.accounts import TVP_LEAD, csrf_headers, sign_in
from tracker.core.refusals import Conflict, InvalidInput
from tracker.core.web.headers import SECURITY_HEADERS
from tracker.plans import reference


def _boom(error: Exception):
    async def failing(*args, **kwargs):
        raise error

    return failing


def signed_out(client) -> None:
    client.post("/sign-out", headers=csrf_headers(client))


def as_lead(client) -> None:
    signed_out(client)
    assert sign_in(client, TVP_LEAD).status_code == 303


def locked_out(client) -> None:
    signed_out(client)
    for _ in range(5):
        sign_in(client, TVP_LEAD, "wrong password")


# (name, status, how to get there, the request); every request is the business unit's.
CASES = [
    ("page", 200, None, ("GET", "/")),
    ("download", 200, None, ("GET", "/review.csv")),
    ("health probe", 200, None, ("GET", "/healthz")),
    ("redirect after a form", 303, None, ("POST", "/sign-out")),
    ("sign-in redirect by the middleware", 303, signed_out, ("GET", "/")),
    ("api answer", 200, None, ("GET", "/api/plans")),
    ("api without sign-in", 401, signed_out, ("GET", "/api/plans")),
    ("refused by role", 403, as_lead, ("GET", "/users")),
    ("refused form (no token)", 403, None, ("POST", "/sign-out", {})),
    ("unknown route", 404, None, ("GET", "/no-such-page")),
    ("unknown thing", 404, None, ("GET", "/plans/999999")),
    ("api unknown thing", 404, None, ("GET", "/api/plans/999999")),
    ("method not allowed", 405, None, ("DELETE", "/")),
    ("form shown again", 400, None, ("POST", "/users", None, {"email": "", "role": "viewer"})),
    ("api invalid query", 422, None, ("GET", "/api/actions?as_of=never")),
    ("too many sign-ins", 429, locked_out, ("POST", "/sign-in", None, {"email": TVP_LEAD})),
    ("static file", 200, None, ("GET", "/static/tracker.css")),
    ("htmx", 200, None, ("GET", "/vendor/htmx/htmx.min.js")),
    ("missing static file", 404, None, ("GET", "/static/missing.css")),
]


def send(client, request):
    method, path, *more = request
    headers = more[0] if more and more[0] is not None else csrf_headers(client)
    data = more[1] if len(more) > 1 else None
    return client.request(method, path, headers=headers, data=data, follow_redirects=False)


def assert_headers(response, *, stored: bool = False) -> None:
    for name, value in SECURITY_HEADERS.items():
        assert response.headers.get(name) == value, name
    assert response.headers.get_list("x-frame-options") == ["DENY"]  # once, not repeated
    if stored:
        assert "no-store" not in response.headers.get("cache-control", "")
    else:
        assert response.headers.get("cache-control") == "no-store"


@pytest.mark.parametrize(
    ("status", "before", "request_"), [case[1:] for case in CASES], ids=[c[0] for c in CASES]
)
def test_every_response_carries_the_security_headers(client, status, before, request_):
    if before:
        before(client)
    response = send(client, request_)
    assert response.status_code == status, response.text[:300]
    assert_headers(response, stored=request_[1].startswith(("/static/", "/vendor/")))


@pytest.mark.parametrize(
    ("status", "error"),
    [
        (409, Conflict("Changed meanwhile.")),
        (422, InvalidInput({"name": "Say what it is."})),
        (500, RuntimeError("a bug")),
        (503, ConnectionRefusedError(111, "Connection refused")),
    ],
    ids=["409", "422", "500", "503"],
)
def test_errors_from_inside_a_page_carry_the_security_headers(client, monkeypatch, status, error):
    monkeypatch.setattr(reference, "agencies", _boom(error))
    response = client.get("/agencies")
    assert response.status_code == status
    assert "Traceback" not in response.text
    assert_headers(response)


def test_a_body_over_the_limit_is_refused_with_the_security_headers(seeded_db, settings_for):
    from tracker.web.app import create_app

    settings = replace(settings_for(seeded_db), max_upload_bytes=1024)
    with TestClient(create_app(settings)) as small:
        response = small.post(
            "/sign-in",
            headers={**csrf_headers(small), "content-type": "application/x-www-form-urlencoded"},
            content=b"email=" + b"x" * 1_200_000,
        )
    assert response.status_code == 413
    assert_headers(response)


@pytest.mark.parametrize(
    "path", ["/sign-in", "/", "/no-such-page", "/static/tracker.css", "/api/plans"]
)
def test_behind_https_every_response_asks_for_https_only(seeded_db, settings_for, path):
    from tracker.web.app import create_app

    settings = replace(settings_for(seeded_db), secure_cookies=True)
    with TestClient(create_app(settings)) as secure:
        response = secure.get(path, follow_redirects=False)
    assert response.headers["strict-transport-security"] == "max-age=31536000"
    assert response.headers["x-content-type-options"] == "nosniff"


def test_without_https_no_hsts_is_sent(anonymous_client):
    assert "strict-transport-security" not in anonymous_client.get("/sign-in").headers
