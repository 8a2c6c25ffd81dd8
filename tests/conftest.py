"""Fixtures shared by the whole suite.

Every test that touches the database runs twice: on SQLite and on PostgreSQL.
PostgreSQL comes from TEST_DATABASE_URL (a server where the test user may
create databases) or from a throwaway cluster started for the run. Without
either the PostgreSQL half is skipped with the reason, unless
REQUIRE_POSTGRES=1 (CI), where that is a failure.
"""

from __future__ import annotations

import asyncio
import os
from collections.abc import Iterator
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from litestar.testing import TestClient

from tests.support.clock import set_up_at
from tests.support.databases import Backend
from tests.support.postgres import PostgresUnavailable, throwaway_cluster
from tracker.core.engine import use_database
from tracker.core.settings import REPO_ROOT, Settings
from tracker.imports.seed import seed

SEED_DAY = date(2020, 4, 1)

# The databases and clients most tests start from (TVP's returns imported, a server).
pytest_plugins = ["tests.support.fixtures", "tests.support.two_strategies"]


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Under pytest-xdist (`make test`), a browser module's tests stay on one worker: they
    share its Chromium and its own `tracker serve`, which would otherwise start on both."""
    for item in items:
        if item.get_closest_marker("browser"):
            item.add_marker(pytest.mark.xdist_group(item.module.__name__))


def required(variable: str) -> bool:
    return os.environ.get(variable, "") not in ("", "0")


@pytest.fixture(scope="session")
def postgres_server_url() -> Iterator[str]:
    given = os.environ.get("TEST_DATABASE_URL")
    if given:
        yield given
        return
    cluster = throwaway_cluster()
    try:
        url = cluster.__enter__()
    except PostgresUnavailable as reason:
        message = f"PostgreSQL run skipped: {reason}"
        if required("REQUIRE_POSTGRES"):
            pytest.fail(f"{message} (REQUIRE_POSTGRES=1)")
        pytest.skip(message)
    try:
        yield url
    finally:
        cluster.__exit__(None, None, None)


@pytest.fixture(scope="session", params=["sqlite", "postgres"])
def backend(request, tmp_path_factory) -> Backend:
    workdir = tmp_path_factory.mktemp("databases")
    if request.param == "sqlite":
        return Backend("sqlite", workdir)
    return Backend("postgres", workdir, request.getfixturevalue("postgres_server_url"))


@pytest.fixture(scope="session")
def migrated_template(backend: Backend) -> str:
    return backend.migrated_database()


@pytest.fixture(scope="session")
def seeded_template(backend: Backend, migrated_template: str) -> str:
    from tests.support.accounts import make_standard_accounts

    url = backend.new_database(template=migrated_template)
    use_database(url)
    with set_up_at(8, 0):
        asyncio.run(seed(REPO_ROOT / "imports", as_at=SEED_DAY))
        make_standard_accounts()
    return url


@pytest.fixture
def empty_db(backend: Backend, migrated_template: str) -> Iterator[str]:
    """A migrated database with nothing in it, this test's own."""
    url = backend.new_database(template=migrated_template)
    use_database(url)
    yield url
    backend.drop_database(url)


@pytest.fixture
def seeded_db(backend: Backend, seeded_template: str) -> Iterator[str]:
    """A database holding the seeded strategy, this test's own to change."""
    url = backend.new_database(template=seeded_template)
    use_database(url)
    yield url
    backend.drop_database(url)  # a cluster holding every test's database is slow to remove


@pytest.fixture
def settings_for(tmp_path: Path):
    def make(database_url: str) -> Settings:
        return replace(Settings.from_environment({}), database_url=database_url)

    return make


@pytest.fixture
def anonymous_client(seeded_db: str, settings_for) -> Iterator[TestClient]:
    from tracker.web.app import create_app

    with TestClient(create_app(settings_for(seeded_db))) as test_client:
        yield test_client


@pytest.fixture
def client(anonymous_client: TestClient) -> TestClient:
    """Signed in as the business unit, who may reach every page."""
    from tests.support.accounts import BUSINESS_UNIT, sign_in

    assert sign_in(anonymous_client, BUSINESS_UNIT).status_code == 303
    return anonymous_client
