"""A real SMTP server on the loopback (the reminders' one) and the standard accounts named."""

from __future__ import annotations

import pytest

from tests.reminders.conftest import closed_smtp, smtp  # noqa: F401 - fixtures used here
from tests.support.accounts import CHAIR, TVP_LEAD
from tracker.core.tables import Account


@pytest.fixture
def named(tvp_db):
    """TVP's database, its chair called Cara Chair and its lead Tia Lead."""
    for email, name in ((CHAIR, "Cara Chair"), (TVP_LEAD, "Tia Lead")):
        Account.update({Account.name: name}).where(Account.email == email).run_sync()
    return tvp_db
