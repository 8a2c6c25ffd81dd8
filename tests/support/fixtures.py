"""Pages over the seeded strategy, with and without an agency's imported return."""

import asyncio
from contextlib import contextmanager
from datetime import date
from pathlib import Path

import pytest
from litestar.testing import TestClient

from tests.support.accounts import BUSINESS_UNIT, TVP_LEAD, csrf_headers, sign_in
from tests.support.bulk import add_actions
from tests.support.clock import set_up_at
from tests.support.returns import tvp_q2
from tests.support.samples import sample_files
from tracker.core.engine import use_database
from tracker.imports.service import import_workbook

TVP_Q1 = next(path for path in sample_files() if path.name == "agency-tvp-2020-21-q1.xlsx")


@pytest.fixture(scope="session", autouse=True)
def quick_password_hashes():
    """Argon2id at its lowest cost in this process: at the tracker's own cost (64 MiB, three
    passes) a hash takes 0.1-0.5 s on this 2-core machine, and the suite signs in over a
    thousand times. The same code runs (hash, verify, the dummy hash for unknown emails);
    the `tracker` commands and servers that tests start hash at the tracker's own cost."""
    from argon2 import PasswordHasher

    from tracker.accounts import passwords

    real = passwords._HASHER
    passwords._HASHER = PasswordHasher(time_cost=1, memory_cost=64, parallelism=1)
    passwords._dummy_hash.cache_clear()
    yield
    passwords._HASHER = real
    passwords._dummy_hash.cache_clear()


@pytest.fixture
def serve(settings_for):
    """Open a test client on a database; one at a time, as tables bind to one engine."""

    @contextmanager
    def open_client(url: str):
        from tracker.web.app import create_app

        use_database(url)
        try:
            with TestClient(create_app(settings_for(url))) as client:
                assert sign_in(client, BUSINESS_UNIT).status_code == 303
                yield client
        finally:
            # The app's connection pool belonged to its own event loop: reads after the
            # block (run_sync) get an engine of their own.
            use_database(url)

    return open_client


def import_tvp_q1() -> None:
    asyncio.run(
        import_workbook(
            TVP_Q1, file_name=TVP_Q1.name, as_at=date(2020, 6, 30), recorded_by="test officer"
        )
    )


def import_tvp_q2(folder: Path) -> None:
    q2 = tvp_q2(folder)
    asyncio.run(
        import_workbook(q2, file_name=q2.name, as_at=date(2020, 9, 30), recorded_by="test officer")
    )


# Imported once per run (per xdist worker) and copied for each test, as seeded_db copies
# seeded_template: importing a return takes a second or more, copying a database a few ms.
@pytest.fixture(scope="session")
def tvp_template(backend, seeded_template) -> str:
    url = backend.new_database(template=seeded_template)
    use_database(url)
    with set_up_at(8, 20):
        import_tvp_q1()
    return url


@pytest.fixture(scope="session")
def two_quarters_template(backend, tvp_template, tmp_path_factory) -> str:
    url = backend.new_database(template=tvp_template)
    use_database(url)
    with set_up_at(8, 40):
        import_tvp_q2(tmp_path_factory.mktemp("returns"))
    return url


@pytest.fixture
def tvp_db(backend, tvp_template):
    """The seeded strategy plus Thames Valley Police's Q1 return, as at 30 Jun 2020."""
    url = backend.new_database(template=tvp_template)
    use_database(url)
    yield url
    backend.drop_database(url)


@pytest.fixture
def two_quarters_db(backend, two_quarters_template):
    """TVP's Q1 return as at 30 Jun 2020 and its Q2 return as at 30 Sep 2020 (see tvp_q2)."""
    url = backend.new_database(template=two_quarters_template)
    use_database(url)
    yield url
    backend.drop_database(url)


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
