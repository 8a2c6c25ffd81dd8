"""While the database cannot be reached, every page and API call says so plainly: 503, a
`Retry-After`, the page (or problem JSON) instead of a 500, and one line in the log per
request, never a traceback. On SQLite its folder disappears; on PostgreSQL the server stops
under the running app's connection pool."""

from __future__ import annotations

import asyncio
import logging
import os
import subprocess
from collections.abc import Iterator
from dataclasses import replace

import asyncpg
import pytest
from litestar.testing import TestClient

from tests.support.accounts import BUSINESS_UNIT, csrf_headers, make_account, sign_in
from tests.support.databases import Backend
from tests.support.postgres import (
    PostgresUnavailable,
    _as_unprivileged,
    _find_binary,
    throwaway_cluster,
)
from tracker.core.roles import Role
from tracker.core.settings import Settings
from tracker.core.web.headers import SECURITY_HEADERS
from tracker.plans import reference

UNAVAILABLE = "Sorry, the service is unavailable"


def _serving(url: str) -> TestClient:
    from tracker.web.app import create_app

    make_account(Role.BUSINESS_UNIT, BUSINESS_UNIT)
    settings = replace(Settings.from_environment({}), database_url=url)
    client = TestClient(create_app(settings), raise_server_exceptions=False)
    client.__enter__()
    assert sign_in(client, BUSINESS_UNIT).status_code == 303
    return client


async def _data_directory(url: str) -> str:
    connection = await asyncpg.connect(url)
    try:
        return await connection.fetchval("SHOW data_directory")
    finally:
        await connection.close()


def _stop_server(url: str) -> None:
    data = asyncio.run(_data_directory(url))
    command = [_find_binary("pg_ctl"), "-D", data, "-m", "immediate", "-w", "stop"]
    subprocess.run(_as_unprivileged(command), capture_output=True, check=True, timeout=60)


@pytest.fixture(scope="module", params=["sqlite", "postgres"])
def outage(request, tmp_path_factory) -> Iterator[TestClient]:
    """A signed-in business unit whose database has just become unreachable."""
    if request.param == "sqlite":
        folder = tmp_path_factory.mktemp("database")
        url = Backend("sqlite", folder).migrated_database()
        client = _serving(url)
        gone = folder.with_name(folder.name + "-gone")
        folder.rename(gone)
        try:
            yield client
        finally:
            gone.rename(folder)
            client.__exit__(None, None, None)
        return
    cluster = throwaway_cluster()
    try:
        server = cluster.__enter__()
    except PostgresUnavailable as reason:
        if os.environ.get("REQUIRE_POSTGRES", "") not in ("", "0"):
            pytest.fail(f"PostgreSQL unavailable: {reason} (REQUIRE_POSTGRES=1)")
        pytest.skip(f"PostgreSQL run skipped: {reason}")
    try:
        url = Backend("postgres", tmp_path_factory.mktemp("pg"), server).migrated_database()
        client = _serving(url)
        try:
            assert client.get("/").status_code == 200  # the pool is in use
            _stop_server(server)
            yield client
        finally:
            client.__exit__(None, None, None)
    finally:
        cluster.__exit__(None, None, None)


def _security_headers(response) -> None:
    for name, value in SECURITY_HEADERS.items():
        assert response.headers.get(name) == value


def _one_line_each(caplog, requests: int) -> None:
    tracker = [record for record in caplog.records if record.name == "tracker"]
    assert len(tracker) == requests, [record.getMessage() for record in tracker]
    assert all(record.levelno == logging.WARNING for record in tracker)
    assert not [record for record in caplog.records if record.exc_info], "a traceback was logged"
    assert all("\n" not in record.getMessage() for record in tracker)


@pytest.mark.parametrize("path", ["/", "/plans/1", "/review.csv", "/users"])
def test_pages_say_the_service_is_unavailable(outage, caplog, path):
    with caplog.at_level(logging.INFO):
        response = outage.get(path, follow_redirects=False)
    assert response.status_code == 503
    assert response.headers["retry-after"] == "60"
    assert response.headers["content-type"].startswith("text/html")
    assert UNAVAILABLE in response.text
    assert "cannot reach its database" in response.text
    assert "Traceback" not in response.text
    _security_headers(response)
    _one_line_each(caplog, 1)


def test_a_form_says_the_service_is_unavailable(outage, caplog):
    with caplog.at_level(logging.INFO):
        response = outage.post(
            "/users", data={"email": "new@example.org"}, headers=csrf_headers(outage)
        )
    assert response.status_code == 503
    assert UNAVAILABLE in response.text
    _one_line_each(caplog, 1)


@pytest.mark.parametrize(
    "headers", [{}, {"authorization": "Bearer tpt_not-a-real-token"}], ids=["session", "token"]
)
def test_the_api_answers_problem_json(outage, caplog, headers):
    with caplog.at_level(logging.INFO):
        response = outage.get("/api/plans", headers=headers)
    assert response.status_code == 503
    assert response.headers["retry-after"] == "60"
    assert response.json()["status"] == 503
    assert response.json()["error"] == UNAVAILABLE
    _security_headers(response)
    _one_line_each(caplog, 1)


def test_signing_in_says_the_service_is_unavailable(outage, caplog):
    outage.cookies.delete("tracker_session")
    form = outage.get("/sign-in")
    assert form.status_code == 200  # the form itself needs no database
    with caplog.at_level(logging.INFO):
        response = outage.post(
            "/sign-in",
            data={"email": BUSINESS_UNIT, "password": "whatever", "next": "/"},
            headers=csrf_headers(outage),
        )
    assert response.status_code == 503
    assert UNAVAILABLE in response.text
    _one_line_each(caplog, 1)


def test_the_health_probe_says_the_database_is_unreachable(outage, caplog):
    with caplog.at_level(logging.INFO):
        response = outage.get("/healthz")
    assert response.status_code == 503
    assert response.json() == {"status": "unavailable", "database": "unreachable"}
    assert response.headers["retry-after"] == "60"
    _one_line_each(caplog, 1)


def test_styles_are_still_served(outage):
    assert outage.get("/static/tracker.css").status_code == 200


def test_a_bug_still_logs_its_traceback_once(client, caplog, monkeypatch):
    async def bug():
        raise KeyError("a bug")

    monkeypatch.setattr(reference, "agencies", bug)
    with caplog.at_level(logging.INFO):
        response = client.get("/agencies")
    assert response.status_code == 500
    assert "Traceback" not in response.text
    tracebacks = [record for record in caplog.records if record.exc_info]
    assert len(tracebacks) == 1
    assert tracebacks[0].exc_info[0] is KeyError
