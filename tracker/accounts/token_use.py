"""A presented API token: whose it is and what it may do, or why it is refused."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from tracker.accounts.sessions import SignedIn, signed_in_account
from tracker.accounts.tokens import TOKEN_PREFIX, TokenScope, is_expired, token_hash
from tracker.core import clock
from tracker.core.dates import format_date
from tracker.core.roles import Role
from tracker.core.tables import ApiToken

_USED_EVERY = timedelta(minutes=5)  # last-used is written at most this often
_MAKE_ANOTHER = "Make a new one on your profile page."


class TokenNotAccepted(Exception):
    """The token does not let anyone in; the message says why, for its holder."""


@dataclass(frozen=True)
class TokenHolder:
    token_id: int
    person: SignedIn
    scope: TokenScope
    last_used_at: datetime | None

    @property
    def read_only(self) -> bool:
        return self.scope is TokenScope.READ


async def token_holder(token: str | None) -> TokenHolder:
    """Who holds `token` and what it may do, or TokenNotAccepted saying why not.

    Revoked, expired and disabled-account tokens each say so: whoever presents
    one already holds it, and knowing why lets them fix their program.
    """
    if not token or not token.startswith(TOKEN_PREFIX):
        raise TokenNotAccepted(f"The API token is not valid. {_MAKE_ANOTHER}")
    found = (
        await ApiToken.select(
            ApiToken.id,
            ApiToken.last_used_at,
            ApiToken.revoked_at,
            ApiToken.expires_at,
            ApiToken.scope,
            ApiToken.account.id.as_alias("account_id"),
            ApiToken.account.email.as_alias("email"),
            ApiToken.account.name.as_alias("name"),
            ApiToken.account.role.as_alias("role"),
            ApiToken.account.active.as_alias("active"),
        )
        .where(ApiToken.token_hash == token_hash(token))
        .first()
    )
    if found is None:
        raise TokenNotAccepted(
            f"The API token is not valid: it may have been revoked. {_MAKE_ANOTHER}"
        )
    if found["revoked_at"] is not None:
        revoked = format_date(found["revoked_at"].date())
        raise TokenNotAccepted(
            f"The API token is not valid: it was revoked on {revoked}. {_MAKE_ANOTHER}"
        )
    if not found["active"]:
        raise TokenNotAccepted("The API token is not valid: its account is disabled.")
    if is_expired(found["expires_at"], clock.now()):
        ended = format_date(found["expires_at"].date()) if found["expires_at"] else "long ago"
        raise TokenNotAccepted(f"The API token has expired: it expired on {ended}. {_MAKE_ANOTHER}")
    person = await signed_in_account(
        found["account_id"], found["email"], found["name"], Role(found["role"])
    )
    return TokenHolder(found["id"], person, TokenScope(found["scope"]), found["last_used_at"])


async def note_use(holder: TokenHolder) -> None:
    """Record that the token was accepted, at most every few minutes."""
    now = clock.now()
    if holder.last_used_at is None or now - holder.last_used_at > _USED_EVERY:
        await ApiToken.update({ApiToken.last_used_at: now}).where(ApiToken.id == holder.token_id)


async def person_for_token(token: str | None) -> SignedIn | None:
    """Who holds `token`, while it works; None if it does not."""
    try:
        holder = await token_holder(token)
    except TokenNotAccepted:
        return None
    await note_use(holder)
    return holder.person
