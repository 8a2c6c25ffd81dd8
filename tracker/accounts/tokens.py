"""Personal API tokens: the caller holds a random token, the database only its sha256.

A token is shown once, when it is made. It acts as its owner, in their role,
until it is revoked or the account is disabled.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from tracker.accounts.sessions import SignedIn, signed_in_account
from tracker.accounts.store import AccountProblem, normalised_email
from tracker.audit.kinds import AuditKind
from tracker.audit.trail import append
from tracker.core import clock
from tracker.core.refusals import InvalidInput
from tracker.core.roles import Role
from tracker.core.tables import Account, ApiToken
from tracker.core.transactions import write_transaction

TOKEN_PREFIX = "tpt_"  # noqa: S105 - a prefix that makes a leaked token recognisable
MAX_NAME = 100
_USED_EVERY = timedelta(minutes=5)  # last-used is written at most this often


class TokenProblem(InvalidInput):
    """A token cannot be made or revoked; the message says why."""

    def __init__(self, message: str) -> None:
        super().__init__({"name": message})


class NoSuchToken(TokenProblem):
    """The person has no token with that id (perhaps deleted)."""

    status_code = 404


@dataclass(frozen=True)
class TokenSummary:
    id: int
    name: str
    created_at: datetime
    last_used_at: datetime | None
    revoked_at: datetime | None

    @property
    def active(self) -> bool:
        return self.revoked_at is None


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def clean_token_name(name: str) -> str:
    """The label a person gives a token, so they can tell their tokens apart."""
    name = " ".join(name.split())
    if not name:
        raise TokenProblem("Enter a name for the token, like 'Quarterly report script'.")
    if len(name) > MAX_NAME:
        raise TokenProblem(f"The token name must be {MAX_NAME} characters or fewer.")
    return name


async def account_id_for(email: str) -> int:
    email = normalised_email(email)
    found = await Account.select(Account.id).where(Account.email == email).first()
    if found is None:
        raise AccountProblem(f"There is no account for {email}.")
    return found["id"]


async def create_token(account_id: int, name: str, by_email: str, *, client: str = "") -> str:
    """A new token for the account, in plain text: the only time it can be seen."""
    name = clean_token_name(name)
    token = TOKEN_PREFIX + secrets.token_urlsafe(32)
    async with write_transaction(ApiToken._meta.db):
        owner = await Account.select(Account.email).where(Account.id == account_id).first()
        if owner is None:
            raise TokenProblem("There is no such account.")
        created = await ApiToken.insert(
            ApiToken(
                account=account_id,
                name=name,
                token_hash=token_hash(token),
                created_at=clock.now(),
            )
        )
        await append(
            AuditKind.TOKEN_CREATED,
            by_email,
            subject=owner["email"],
            summary=f"API token {name!r} created",
            after={"token_id": created[0]["id"], "name": name},
            client=client,
        )
    return token


async def list_tokens(account_id: int) -> list[TokenSummary]:
    """The account's tokens, newest first, revoked ones included."""
    rows = (
        await ApiToken.select(
            ApiToken.id,
            ApiToken.name,
            ApiToken.created_at,
            ApiToken.last_used_at,
            ApiToken.revoked_at,
        )
        .where(ApiToken.account == account_id)
        .order_by(ApiToken.id, ascending=False)
    )
    return [
        TokenSummary(
            row["id"], row["name"], row["created_at"], row["last_used_at"], row["revoked_at"]
        )
        for row in rows
    ]


async def revoke_token(token_id: int, account_id: int, by_email: str, *, client: str = "") -> str:
    """Stop one of the account's own tokens working; its name is returned.

    Revoking a revoked token changes nothing. Someone else's token reads as
    missing, so nobody learns which token ids exist.
    """
    async with write_transaction(ApiToken._meta.db):
        found = (
            await ApiToken.select(
                ApiToken.name,
                ApiToken.revoked_at,
                ApiToken.account.email.as_alias("email"),
            )
            .where((ApiToken.id == token_id) & (ApiToken.account == account_id))
            .first()
        )
        if found is None:
            raise NoSuchToken(f"You have no API token {token_id}: it may have been deleted.")
        if found["revoked_at"] is None:
            await ApiToken.update({ApiToken.revoked_at: clock.now()}).where(ApiToken.id == token_id)
            await append(
                AuditKind.TOKEN_REVOKED,
                by_email,
                subject=found["email"],
                summary=f"API token {found['name']!r} revoked",
                before={"token_id": token_id, "name": found["name"], "revoked": False},
                after={"token_id": token_id, "name": found["name"], "revoked": True},
                client=client,
            )
    return found["name"]


async def person_for_token(token: str | None) -> SignedIn | None:
    """Who holds `token`, while it is not revoked and their account is active."""
    if not token or not token.startswith(TOKEN_PREFIX):
        return None
    found = (
        await ApiToken.select(
            ApiToken.id,
            ApiToken.last_used_at,
            ApiToken.revoked_at,
            ApiToken.account.id.as_alias("account_id"),
            ApiToken.account.email.as_alias("email"),
            ApiToken.account.name.as_alias("name"),
            ApiToken.account.role.as_alias("role"),
            ApiToken.account.active.as_alias("active"),
        )
        .where(ApiToken.token_hash == token_hash(token))
        .first()
    )
    if found is None or found["revoked_at"] is not None or not found["active"]:
        return None
    now = clock.now()
    if found["last_used_at"] is None or now - found["last_used_at"] > _USED_EVERY:
        await ApiToken.update({ApiToken.last_used_at: now}).where(ApiToken.id == found["id"])
    return await signed_in_account(
        found["account_id"], found["email"], found["name"], Role(found["role"])
    )
