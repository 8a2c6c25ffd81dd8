"""Accounts and signed-in test clients."""

from __future__ import annotations

import asyncio

from tracker.accounts.store import create_account
from tracker.core.roles import Role

PASSWORD = "correct horse battery staple"

# In every seeded test database (see tests/conftest.py).
BUSINESS_UNIT = "business-unit@example.org"
CHAIR = "chair@example.org"
TVP_LEAD = "lead@example.org"
VIEWER = "viewer@example.org"


def make_account(role: Role, email: str | None = None, agencies: tuple[str, ...] = ()) -> str:
    return asyncio.run(make_account_async(role, email, agencies))


async def make_account_async(
    role: Role, email: str | None = None, agencies: tuple[str, ...] = ()
) -> str:
    """For use on a running app's own event loop (`client.portal().call(...)`)."""
    email = email or f"{role.value}@example.org"
    await create_account(email, role, agencies=list(agencies), password=PASSWORD)
    return email


def csrf_headers(client) -> dict[str, str]:
    if "csrftoken" not in client.cookies:
        client.get("/sign-in")
    return {"x-csrftoken": client.cookies["csrftoken"]}


def sign_in(client, email: str, password: str = PASSWORD):
    return client.post(
        "/sign-in",
        data={"email": email, "password": password, "next": "/"},
        headers=csrf_headers(client),
        follow_redirects=False,
    )


def make_standard_accounts() -> None:
    make_account(Role.BUSINESS_UNIT, BUSINESS_UNIT)
    make_account(Role.CHAIR, CHAIR)
    make_account(Role.LEAD, TVP_LEAD, agencies=("TVP",))
    make_account(Role.VIEWER, VIEWER)
