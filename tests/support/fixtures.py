"""Pages over the seeded strategy, with and without an agency's imported return."""

import asyncio
from contextlib import contextmanager
from datetime import date

import pytest
from litestar.testing import TestClient

from tests.support.accounts import BUSINESS_UNIT, TVP_LEAD, csrf_headers, sign_in
from tests.support.bulk import add_actions
from tests.support.returns import tvp_q2
from tests.support.samples import sample_files
from tracker.core.engine import use_database
from tracker.imports.service import import_workbook

TVP_Q1 = next(path for path in sample_files() if path.name == "agency-tvp-2020-21-q1.xlsx")


@pytest.fixture
def serve(settings_for):
    """Open a test client on a database; one at a time, as tables bind to one engine."""

    @contextmanager
    def open_client(url: str):
        from tracker.web.app import create_app

        use_database(url)
        with TestClient(create_app(settings_for(url))) as client:
            assert sign_in(client, BUSINESS_UNIT).status_code == 303
            yield client

    return open_client


@pytest.fixture
def tvp_db(seeded_db):
    """The seeded strategy plus Thames Valley Police's Q1 return, as at 30 Jun 2020."""
    asyncio.run(
        import_workbook(
            TVP_Q1, file_name=TVP_Q1.name, as_at=date(2020, 6, 30), recorded_by="test officer"
        )
    )
    return seeded_db


@pytest.fixture
def two_quarters_db(tvp_db, tmp_path):
    """TVP's Q1 return as at 30 Jun 2020 and its Q2 return as at 30 Sep 2020 (see tvp_q2)."""
    q2 = tvp_q2(tmp_path)
    asyncio.run(
        import_workbook(q2, file_name=q2.name, as_at=date(2020, 9, 30), recorded_by="test officer")
    )
    return tvp_db


@pytest.fixture
def two_quarters_client(two_quarters_db, serve):
    with serve(two_quarters_db) as client:
        yield client


@pytest.fixture
def database_with_actions(backend, seeded_template):
    """A seeded database plus `count` more actions with updates (tests.support.bulk)."""

    def make(count: int) -> str:
        url = backend.new_database(template=seeded_template)
        use_database(url)
        asyncio.run(add_actions(count))
        return url

    return make


@pytest.fixture
def tvp_client(tvp_db, serve):
    with serve(tvp_db) as client:
        yield client


@pytest.fixture
def lead_client(tvp_db, serve):
    """Signed in as Thames Valley Police's lead, with TVP's return imported."""
    with serve(tvp_db) as client:
        client.post("/sign-out", headers=csrf_headers(client))
        assert sign_in(client, TVP_LEAD).status_code == 303
        yield client
