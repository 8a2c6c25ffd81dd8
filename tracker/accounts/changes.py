"""Changing an account after it is made: its details, enabling it again, a new password.

Each change and its audit entry are written in one transaction. No one can
change their own role (nor, see store.disable_account, disable themselves), so
the business-unit person managing accounts always stays one.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from tracker.accounts.ended_tokens import end_all_tokens
from tracker.accounts.passwords import generated_password, hash_password
from tracker.accounts.store import (
    AccountProblem,
    agency_ids,
    clean_lead_names,
    clean_name,
    normalised_email,
    refuse_losing_last_business_unit,
)
from tracker.audit.kinds import AuditKind
from tracker.audit.trail import SYSTEM, append
from tracker.core.roles import Role
from tracker.core.tables import Account, AccountAgency, AccountLeadName, Agency, SignInSession
from tracker.core.transactions import write_transaction


@dataclass(frozen=True)
class AccountDetails:
    """What an edit form shows and changes."""

    id: int
    email: str
    name: str
    role: Role
    active: bool
    agencies: tuple[str, ...]
    lead_names: tuple[str, ...]

    def audited(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "role": self.role.value,
            "agencies": list(self.agencies),
            "lead_names": list(self.lead_names),
        }


async def _find(account: int | str) -> dict[str, Any]:
    where = (
        Account.id == account
        if isinstance(account, int)
        else Account.email == normalised_email(account)
    )
    found = (
        await Account.select(Account.id, Account.email, Account.name, Account.role, Account.active)
        .where(where)
        .first()
    )
    if found is None:
        raise AccountProblem(f"There is no account for {account}.")
    return found


async def account_details(account: int | str) -> AccountDetails | None:
    """The account by id or email, with its agencies and lead titles; None if there is none."""
    try:
        found = await _find(account)
    except AccountProblem:
        return None
    agencies = await AccountAgency.select(AccountAgency.agency.name.as_alias("name")).where(
        AccountAgency.account == found["id"]
    )
    leads = await AccountLeadName.select(AccountLeadName.lead_name).where(
        AccountLeadName.account == found["id"]
    )
    return AccountDetails(
        found["id"],
        found["email"],
        found["name"],
        Role(found["role"]),
        found["active"],
        tuple(sorted(row["name"] for row in agencies)),
        tuple(sorted((row["lead_name"] for row in leads), key=str.casefold)),
    )


async def _agency_names(names: list[str]) -> tuple[list[int], tuple[str, ...]]:
    """Ids and full names for agencies given by any name or short name."""
    ids = sorted(set(await agency_ids(names)))
    if not ids:
        return [], ()
    rows = await Agency.select(Agency.name).where(Agency.id.is_in(ids))
    return ids, tuple(sorted(row["name"] for row in rows))


async def change_account(
    account: int | str,
    *,
    name: str | None = None,
    role: Role | None = None,
    agencies: list[str] | None = None,
    lead_names: list[str] | None = None,
    by: str = SYSTEM,
) -> bool:
    """Change what is given (None keeps it); True if anything changed.

    Only leads have agencies and lead titles: making someone another role
    removes theirs, and giving them some with another role is refused.
    """
    new_name = clean_name(name) if name is not None else None
    new_leads = clean_lead_names(lead_names) if lead_names is not None else None
    async with write_transaction(Account._meta.db):
        current = await account_details(account)
        if current is None:
            raise AccountProblem(f"There is no account for {account}.")
        new_role = role or current.role
        if new_role is not Role.LEAD:
            if agencies or new_leads:
                raise AccountProblem("Only agency leads are given agencies or lead titles.", "role")
            agencies, new_leads = [], []
        if new_role is not current.role and by.lower() == current.email:
            raise AccountProblem(
                "You cannot change your own role: ask another business-unit colleague.", "role"
            )
        if new_role is not current.role and current.active:
            await refuse_losing_last_business_unit(current.id)
        ids, names = await _agency_names(agencies) if agencies is not None else ([], None)
        after = AccountDetails(
            current.id,
            current.email,
            current.name if new_name is None else new_name,
            new_role,
            current.active,
            current.agencies if names is None else names,
            current.lead_names if new_leads is None else tuple(sorted(new_leads, key=str.casefold)),
        )
        old, new = current.audited(), after.audited()
        changed = [field for field in old if old[field] != new[field]]
        if not changed:
            return False
        await Account.update({Account.name: after.name, Account.role: after.role.value}).where(
            Account.id == current.id
        )
        if names is not None and names != current.agencies:
            await AccountAgency.delete().where(AccountAgency.account == current.id)
            if ids:
                await AccountAgency.insert(
                    *(AccountAgency(account=current.id, agency=agency) for agency in ids)
                )
        if after.lead_names != current.lead_names:
            await AccountLeadName.delete().where(AccountLeadName.account == current.id)
            if after.lead_names:
                await AccountLeadName.insert(
                    *(
                        AccountLeadName(account=current.id, lead_name=lead)
                        for lead in after.lead_names
                    )
                )
        await append(
            AuditKind.ACCOUNT_CHANGED,
            by,
            subject=current.email,
            summary="Changed " + ", ".join(FIELD_WORDS[field] for field in changed),
            before={field: old[field] for field in changed},
            after={field: new[field] for field in changed},
        )
    return True


FIELD_WORDS = {"name": "name", "role": "role", "agencies": "agencies", "lead_names": "lead titles"}


async def enable_account(account: int | str, *, by: str = SYSTEM) -> bool:
    """Let a disabled account sign in again; True if it was disabled.

    Its API tokens were revoked when it was disabled and stay revoked.
    """
    async with write_transaction(Account._meta.db):
        found = await _find(account)
        if found["active"]:
            return False
        await Account.update({Account.active: True}).where(Account.id == found["id"])
        await append(
            AuditKind.ACCOUNT_ENABLED,
            by,
            subject=found["email"],
            summary="Account enabled",
            before={"active": False},
            after={"active": True},
        )
    return True


async def reset_password(account: int | str, *, by: str = SYSTEM) -> str:
    """A new generated password, to be shown once; the account's sessions and API tokens end.

    Whoever had the old password may have made tokens with it: they are revoked
    for good, as the sessions are ended.
    """
    password = generated_password()
    password_hash = await hash_password(password)
    async with write_transaction(Account._meta.db):
        found = await _find(account)
        await Account.update({Account.password_hash: password_hash}).where(
            Account.id == found["id"]
        )
        ended = await SignInSession.count().where(SignInSession.account == found["id"])
        await SignInSession.delete().where(SignInSession.account == found["id"])
        revoked = await end_all_tokens(found["id"])
        await append(
            AuditKind.PASSWORD_RESET,
            by,
            subject=found["email"],
            summary=(
                f"Password reset; {ended} signed-in session(s) ended, "
                f"{revoked} API token(s) revoked"
            ),
            before={"password": "the old password"},
            after={"password": "a new generated password", "api_tokens_revoked": revoked},
        )
    return password
