"""API clients: a test client on the seeded strategy with TVP's Q1 return, and tokens for it."""

import pytest
from litestar.testing import TestClient

from tracker.accounts.tokens import account_id_for, create_token


@pytest.fixture
def api(tvp_db, settings_for):
    """A test client with nobody signed in: callers bring a token."""
    from tracker.web.app import create_app

    with TestClient(create_app(settings_for(tvp_db))) as client:
        yield client


def new_token(client, email: str, name: str = "tests") -> str:
    async def make() -> str:
        return await create_token(await account_id_for(email), name, email)

    with client.portal() as portal:
        return portal.call(make)


def bearer(client, email: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {new_token(client, email)}"}


def tvp_actions(client, headers) -> dict[str, dict]:
    found = client.get("/api/actions?plan=Thames Valley Police", headers=headers).json()
    return {item["ref"]: item for item in found}
