"""Accounts: creating, listing and disabling them, and who they may act for."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from tracker.accounts.passwords import check_strength, generated_password, hash_password
from tracker.db.agencies import agency_directory
from tracker.db.tables import Account, AccountAgency, Agency
from tracker.db.transactions import write_transaction
from tracker.domain.roles import Role


class AccountProblem(ValueError):
    """An account cannot be created or changed; the message says why."""


@dataclass(frozen=True)
class AccountSummary:
    id: int
    email: str
    name: str
    role: Role
    active: bool
    agencies: tuple[str, ...]
    last_signed_in_at: datetime | None


def normalised_email(email: str) -> str:
    email = email.strip().lower()
    local, _, domain = email.partition("@")
    if not local or "." not in domain or " " in email:
        raise AccountProblem(f"{email!r} is not an email address.")
    return email


async def _agency_ids(names: list[str]) -> list[int]:
    directory = await agency_directory()
    rows = {row["name"]: row["id"] for row in await Agency.select(Agency.id, Agency.name)}
    ids = []
    for name in names:
        found = directory.find(name)
        if found is None:
            raise AccountProblem(f"There is no agency called {name!r}.")
        ids.append(rows[found.name])
    return ids


async def create_account(
    email: str, role: Role, *, agencies: list[str], password: str | None, name: str = ""
) -> tuple[int, str | None]:
    """The new account's id, and its password if one was generated (shown once)."""
    email = normalised_email(email)
    if agencies and role is not Role.LEAD:
        raise AccountProblem("Only agency leads are given agencies.")
    generated = None
    if password is None:
        password = generated = generated_password()
    check_strength(password)
    password_hash = await hash_password(password)
    async with write_transaction(Account._meta.db):
        if await Account.exists().where(Account.email == email):
            raise AccountProblem(f"There is already an account for {email}.")
        agency_ids = await _agency_ids(agencies)
        created = await Account.insert(
            Account(
                email=email,
                name=name,
                role=role.value,
                password_hash=password_hash,
                active=True,
                created_at=datetime.now(UTC),
            )
        )
        account_id = created[0]["id"]
        if agency_ids:
            await AccountAgency.insert(
                *(AccountAgency(account=account_id, agency=agency) for agency in agency_ids)
            )
    return account_id, generated


async def accounts() -> list[AccountSummary]:
    rows = await Account.select(
        Account.id,
        Account.email,
        Account.name,
        Account.role,
        Account.active,
        Account.last_signed_in_at,
    ).order_by(Account.email)
    links = await AccountAgency.select(
        AccountAgency.account, AccountAgency.agency.name.as_alias("agency")
    )
    agencies: dict[int, list[str]] = {}
    for link in links:
        agencies.setdefault(link["account"], []).append(link["agency"])
    return [
        AccountSummary(
            row["id"],
            row["email"],
            row["name"],
            Role(row["role"]),
            row["active"],
            tuple(sorted(agencies.get(row["id"], []))),
            row["last_signed_in_at"],
        )
        for row in rows
    ]


async def disable_account(email: str) -> None:
    from tracker.db.tables import SignInSession

    email = normalised_email(email)
    async with write_transaction(Account._meta.db):
        found = await Account.select(Account.id).where(Account.email == email).first()
        if found is None:
            raise AccountProblem(f"There is no account for {email}.")
        await Account.update({Account.active: False}).where(Account.id == found["id"])
        await SignInSession.delete().where(SignInSession.account == found["id"])


async def ensure_business_unit_account(email: str, password: str | None) -> str | None:
    """On a fresh start, the first account: returns its generated password, or None."""
    if await Account.exists().where(Account.active == True):  # noqa: E712 - SQL, not Python
        return None
    _, generated = await create_account(email, Role.BUSINESS_UNIT, agencies=[], password=password)
    return generated if password is None else None
