"""Personal API tokens: the caller holds a random token, the database only its sha256.

A token is shown once, when it is made. It acts as its owner, in their role,
under /api/ and for the API's schema only (tracker.accounts.authentication),
until it expires, is revoked, or its account's password is reset or the
account disabled (tracker.accounts.ended_tokens). A read-only token only reads.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

from tracker.accounts.store import AccountProblem, normalised_email
from tracker.audit.kinds import AuditKind
from tracker.audit.trail import append
from tracker.core import clock
from tracker.core.refusals import InvalidInput
from tracker.core.tables import Account, ApiToken
from tracker.core.transactions import write_transaction

TOKEN_PREFIX = "tpt_"  # noqa: S105 - a prefix that makes a leaked token recognisable
MAX_NAME = 100
DEFAULT_LIFETIME_DAYS = 365
# The lifetimes offered when a token is made: a year at most, so a forgotten token ends.
LIFETIME_DAYS = (30, 90, 365)
MAX_LIFETIME_DAYS = 365


class TokenScope(StrEnum):
    """What a token may do: read only, or read and record changes."""

    READ = "read"
    READ_WRITE = "read-write"

    @property
    def label(self) -> str:
        return "Read only" if self is TokenScope.READ else "Read and write"


class TokenProblem(InvalidInput):
    """A token cannot be made or revoked; the message says why."""

    def __init__(self, message: str, field: str = "name") -> None:
        super().__init__({field: message})


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
    scope: TokenScope
    expires_at: datetime | None
    expired: bool  # when it was listed

    @property
    def active(self) -> bool:
        return self.revoked_at is None and not self.expired


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


def token_scope(text: str) -> TokenScope:
    """The scope as a form or the command line gives it."""
    try:
        return TokenScope(text.strip())
    except ValueError:
        raise TokenProblem(
            "Choose whether the token only reads or may also record changes.", "scope"
        ) from None


def lifetime_days(text: str) -> int:
    """The number of days a form or the command line asks a token to last."""
    text = text.strip()
    if not text.isdigit() or len(text) > 4:
        raise TokenProblem("Choose how long the token lasts.", "lifetime")
    return int(text)


def lifetime(days: int) -> timedelta:
    if not 1 <= days <= MAX_LIFETIME_DAYS:
        raise TokenProblem(
            f"A token lasts from 1 to {MAX_LIFETIME_DAYS} days: choose how long.", "lifetime"
        )
    return timedelta(days=days)


def is_expired(expires_at: datetime | None, now: datetime) -> bool:
    """A token without an expiry (none should exist) counts as expired: fail closed."""
    return expires_at is None or now >= expires_at


async def account_id_for(email: str) -> int:
    email = normalised_email(email)
    found = await Account.select(Account.id).where(Account.email == email).first()
    if found is None:
        raise AccountProblem(f"There is no account for {email}.")
    return found["id"]


async def create_token(
    account_id: int,
    name: str,
    by_email: str,
    *,
    scope: TokenScope = TokenScope.READ_WRITE,
    lifetime_days: int = DEFAULT_LIFETIME_DAYS,
    client: str = "",
) -> str:
    """A new token for the account, in plain text: the only time it can be seen."""
    name = clean_token_name(name)
    lasts = lifetime(lifetime_days)
    token = TOKEN_PREFIX + secrets.token_urlsafe(32)
    async with write_transaction(ApiToken._meta.db):
        owner = (
            await Account.select(Account.email, Account.active)
            .where(Account.id == account_id)
            .first()
        )
        if owner is None:
            raise TokenProblem("There is no such account.")
        if not owner["active"]:
            raise TokenProblem(f"{owner['email']}'s account is disabled: enable it first.")
        now = clock.now()
        created = await ApiToken.insert(
            ApiToken(
                account=account_id,
                name=name,
                token_hash=token_hash(token),
                created_at=now,
                scope=scope.value,
                expires_at=now + lasts,
            )
        )
        await append(
            AuditKind.TOKEN_CREATED,
            by_email,
            subject=owner["email"],
            summary=f"API token {name!r} created ({scope.label.lower()}, for {lasts.days} days)",
            after={
                "token_id": created[0]["id"],
                "name": name,
                "scope": scope.value,
                "expires_at": (now + lasts).isoformat(),
            },
            client=client,
        )
    return token


async def list_tokens(account_id: int) -> list[TokenSummary]:
    """The account's tokens, newest first, revoked and expired ones included."""
    rows = (
        await ApiToken.select(
            ApiToken.id,
            ApiToken.name,
            ApiToken.created_at,
            ApiToken.last_used_at,
            ApiToken.revoked_at,
            ApiToken.scope,
            ApiToken.expires_at,
        )
        .where(ApiToken.account == account_id)
        .order_by(ApiToken.id, ascending=False)
    )
    now = clock.now()
    return [
        TokenSummary(
            row["id"],
            row["name"],
            row["created_at"],
            row["last_used_at"],
            row["revoked_at"],
            TokenScope(row["scope"]),
            row["expires_at"],
            is_expired(row["expires_at"], now),
        )
        for row in rows
    ]


async def revoke_token(
    token_id: int, account_id: int, by_email: str, *, client: str = "", whose: str = "You have"
) -> str:
    """Stop one of the account's tokens working; its name is returned.

    Revoking a revoked token changes nothing. A token of another account reads
    as missing, so nobody learns which token ids exist. `whose` starts the
    message when there is no such token ("You have", or "They have" for the
    business unit revoking someone else's).
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
            raise NoSuchToken(f"{whose} no API token {token_id}: it may have been deleted.")
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
