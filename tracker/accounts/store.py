"""Accounts: creating, listing and disabling them, and who they may act for."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from tracker.accounts.ended_tokens import end_all_tokens
from tracker.accounts.passwords import check_strength, generated_password, hash_password
from tracker.audit.kinds import AuditKind
from tracker.audit.trail import SYSTEM, append
from tracker.core import clock
from tracker.core.refusals import InvalidInput
from tracker.core.roles import Role
from tracker.core.tables import Account, AccountAgency, AccountLeadName, Agency, SignInSession
from tracker.core.transactions import write_transaction
from tracker.imports.agencies import agency_directory

TOO_LONG_EMAIL = "An email address must be 254 characters or fewer."


class AccountProblem(InvalidInput):
    """An account cannot be created or changed; the message says why.

    `field` names the form field the problem is about ("email", "role",
    "agencies", "lead_titles", "name"), so a page can put the message by it.
    """

    def __init__(self, message: str, field: str = "") -> None:
        super().__init__({field: message})
        self.field = field


@dataclass(frozen=True)
class AccountSummary:
    id: int
    email: str
    name: str
    role: Role
    active: bool
    agencies: tuple[str, ...]
    last_signed_in_at: datetime | None
    lead_names: tuple[str, ...] = ()


MAX_EMAIL = 254  # RFC 5321's longest address; also the length of every email column


def normalised_email(email: str) -> str:
    if len(email) > MAX_EMAIL + 100:  # never echo a huge value back (spaces are stripped)
        raise AccountProblem(TOO_LONG_EMAIL, "email")
    email = email.strip().lower()
    if len(email) > MAX_EMAIL:
        raise AccountProblem(TOO_LONG_EMAIL, "email")
    local, _, domain = email.partition("@")
    if not local or "." not in domain or " " in email:
        raise AccountProblem(f"{email!r} is not an email address.", "email")
    return email


async def agency_ids(names: list[str]) -> list[int]:
    directory = await agency_directory()
    rows = {row["name"]: row["id"] for row in await Agency.select(Agency.id, Agency.name)}
    ids = []
    for name in names:
        found = directory.find(name)
        if found is None:
            raise AccountProblem(f"There is no agency called {name!r}.", "agencies")
        ids.append(rows[found.name])
    return ids


MAX_LEAD_TITLES = 20  # one person leading more is a list of every lead, not a title


def clean_lead_names(names: list[str]) -> list[str]:
    if len(names) > MAX_LEAD_TITLES:
        raise AccountProblem(
            f"Give at most {MAX_LEAD_TITLES} lead titles, one a line.", "lead_titles"
        )
    cleaned: list[str] = []
    for name in names:
        name = " ".join(name.split())
        if len(name) > 200:
            raise AccountProblem("A lead title must be 200 characters or fewer.", "lead_titles")
        if name and name.casefold() not in {kept.casefold() for kept in cleaned}:
            cleaned.append(name)
    return cleaned


def clean_name(name: str) -> str:
    name = " ".join(name.split())
    if len(name) > 200:
        raise AccountProblem("A name must be 200 characters or fewer.", "name")
    return name


async def create_account(
    email: str,
    role: Role,
    *,
    agencies: list[str],
    password: str | None,
    name: str = "",
    lead_names: list[str] | None = None,
    by: str = SYSTEM,
    invited: bool = False,
) -> tuple[int, str | None]:
    """The new account's id, and its password if one was generated (shown once).

    `invited`: no password at all until they choose one with an invitation link
    (tracker.accounts.password_links); nothing signs in to it until then.
    """
    email = normalised_email(email)
    name = clean_name(name)
    lead_names = clean_lead_names(lead_names or [])
    if (agencies or lead_names) and role is not Role.LEAD:
        raise AccountProblem("Only agency leads are given agencies or lead titles.", "role")
    generated = None
    if invited:
        password_hash = ""
    else:
        if password is None:
            password = generated = generated_password()
        check_strength(password)
        password_hash = await hash_password(password)
    async with write_transaction(Account._meta.db):
        if await Account.exists().where(Account.email == email):
            raise AccountProblem(f"There is already an account for {email}.", "email")
        linked = await agency_ids(agencies)
        created = await Account.insert(
            Account(
                email=email,
                name=name,
                role=role.value,
                password_hash=password_hash,
                active=True,
                created_at=clock.now(),
            )
        )
        account_id = created[0]["id"]
        if linked:
            await AccountAgency.insert(
                *(AccountAgency(account=account_id, agency=agency) for agency in linked)
            )
        if lead_names:
            await AccountLeadName.insert(
                *(AccountLeadName(account=account_id, lead_name=lead) for lead in lead_names)
            )
        await append(
            AuditKind.ACCOUNT_CREATED,
            by,
            subject=email,
            summary=f"{role.label} account created"
            + (", invited to choose a password with a one-time link" if invited else ""),
            after={
                "email": email,
                "name": name,
                "role": role.value,
                "agencies": sorted(agencies),
                "lead_names": lead_names,
            },
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
    leads: dict[int, list[str]] = {}
    for lead in await AccountLeadName.select(AccountLeadName.account, AccountLeadName.lead_name):
        leads.setdefault(lead["account"], []).append(lead["lead_name"])
    return [
        AccountSummary(
            row["id"],
            row["email"],
            row["name"],
            Role(row["role"]),
            row["active"],
            tuple(sorted(agencies.get(row["id"], []))),
            row["last_signed_in_at"],
            tuple(sorted(leads.get(row["id"], []), key=str.casefold)),
        )
        for row in rows
    ]


async def refuse_losing_last_business_unit(account_id: int) -> None:
    """Someone must always be able to manage accounts: the last active business unit stays."""
    others = await Account.count().where(
        (Account.role == Role.BUSINESS_UNIT.value)
        & (Account.active == True)  # noqa: E712 - SQL, not Python
        & (Account.id != account_id)
    )
    is_business_unit = await Account.exists().where(
        (Account.id == account_id) & (Account.role == Role.BUSINESS_UNIT.value)
    )
    if is_business_unit and others == 0:
        raise AccountProblem(
            "This is the last active business-unit account: add another business-unit "
            "account first, so someone can still manage accounts.",
            "role",
        )


async def disable_account(email: str, *, by: str = SYSTEM) -> None:
    """No more signing in: its sessions end and its API tokens are revoked for good."""
    email = normalised_email(email)
    async with write_transaction(Account._meta.db):
        found = (
            await Account.select(Account.id, Account.active).where(Account.email == email).first()
        )
        if found is None:
            raise AccountProblem(f"There is no account for {email}.")
        if by.lower() == email:
            raise AccountProblem("You cannot disable your own account.")
        if found["active"]:
            await refuse_losing_last_business_unit(found["id"])
        await Account.update({Account.active: False}).where(Account.id == found["id"])
        await SignInSession.delete().where(SignInSession.account == found["id"])
        ended = await end_all_tokens(found["id"])
        if found["active"] or ended:
            await append(
                AuditKind.ACCOUNT_DISABLED,
                by,
                subject=email,
                summary=f"Account disabled; {ended} API token(s) revoked",
                before={"active": found["active"]},
                after={"active": False, "api_tokens_revoked": ended},
            )


async def ensure_business_unit_account(email: str, password: str | None) -> str | None:
    """On a fresh start, the first account: returns its generated password, or None."""
    if await Account.exists().where(Account.active == True):  # noqa: E712 - SQL, not Python
        return None
    _, generated = await create_account(email, Role.BUSINESS_UNIT, agencies=[], password=password)
    return generated if password is None else None
