"""A real SMTP server for the password-link e-mails (the reminders' one), and test clients
of an app that e-mails through it."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace

import pytest
from litestar.testing import TestClient

from tests.reminders.conftest import closed_smtp, smtp  # noqa: F401 - fixtures used here


@pytest.fixture
def app_with_mail(seeded_db, settings_for):
    """`opened(server)`: an anonymous client of an app that e-mails through `server`."""

    def opened(server) -> TestClient:
        from tracker.web.app import create_app

        return TestClient(
            create_app(replace(settings_for(seeded_db), smtp=server, base_url="https://t.example"))
        )

    return opened


@pytest.fixture
def mailing_client(app_with_mail, smtp) -> Iterator[TestClient]:  # noqa: F811 - the fixture
    with app_with_mail(smtp.server) as client:
        yield client
