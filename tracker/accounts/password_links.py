"""One-time links to set a password: an invitation to a new account, or a reset.

The link holds a random token; the database keeps only its hash, with what
it is for, when it expires and when it was used. Using it sets the password,
ends every session of the account and revokes its API tokens (whoever knew
the old password may have made some), all in one transaction with its audit
entry. A link works once: it is claimed by an UPDATE that only an unused,
unexpired link matches, so of two uses at the same moment only one succeeds.
Making a new link for an account ends its earlier unused ones.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

from tracker.accounts.ended_tokens import end_all_tokens
from tracker.accounts.passwords import check_strength, hash_password
from tracker.audit.kinds import AuditKind
from tracker.audit.trail import SYSTEM, append
from tracker.core import clock
from tracker.core.refusals import Conflict, NotFound
from tracker.core.tables import Account, PasswordLink, SignInSession
from tracker.core.transactions import write_transaction

LINK_PATH = "/sign-in/password/"  # the page a link opens: tracker.accounts.link_pages


class LinkPurpose(StrEnum):
    INVITE = "invite"
    RESET = "reset"


# An invitation waits for someone to read their e-mail; a reset they asked for is used at once.
INVITATION_LIFETIME = timedelta(days=7)
RESET_LIFETIME = timedelta(hours=1)
# A reset link the business unit makes is handed over by them, which takes longer.
HANDED_OVER_RESET_LIFETIME = timedelta(days=1)


class LinkUnusable(Conflict):
    """The link cannot be used (any more); the message says why and what to do."""


class LinkUsed(LinkUnusable):
    """The link worked once already."""


class LinkExpired(LinkUnusable):
    """Its time is up, or a newer link for the account replaced it."""


class LinkUnknown(NotFound):
    """No link has this token: mistyped, cut short, or never made."""


USED = (
    "This link has already been used, so it no longer works. If you did not use it, or "
    "need to set your password again, ask for a new link."
)
EXPIRED = "This link has expired, or a newer link replaced it. Ask for a new link."
UNKNOWN = (
    "This link is not right: it may have been cut short. Copy the whole link from the "
    "e-mail, or ask for a new one."
)
DISABLED = "This account is disabled, so its password cannot be set: ask the business unit."


@dataclass(frozen=True)
class Link:
    """A link that still works: whose it is and what for."""

    account_id: int
    email: str
    name: str
    purpose: LinkPurpose
    expires_at: datetime


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def link_path(token: str) -> str:
    return LINK_PATH + token


async def make_link(
    account_id: int,
    purpose: LinkPurpose,
    *,
    by: str = SYSTEM,
    lifetime: timedelta | None = None,
    client: str = "",
    audited: bool = True,
) -> tuple[str, datetime]:
    """A new link's token (to send or show once, never stored) and when it expires.

    `audited=False` only for the invitation made with a new account: the account's
    "created" entry says it was invited.
    """
    lifetime = lifetime or (
        INVITATION_LIFETIME if purpose is LinkPurpose.INVITE else RESET_LIFETIME
    )
    token = secrets.token_urlsafe(32)
    now = clock.now()
    async with write_transaction(Account._meta.db):
        found = await Account.select(Account.email).where(Account.id == account_id).first()
        if found is None:
            raise NotFound("There is no such account.")
        await PasswordLink.update({PasswordLink.expires_at: now}).where(
            (PasswordLink.account == account_id)
            & PasswordLink.used_at.is_null()
            & (PasswordLink.expires_at > now)
        )
        await PasswordLink.insert(
            PasswordLink(
                token_hash=_hash(token),
                account=account_id,
                purpose=purpose.value,
                created_at=now,
                created_by=by,
                expires_at=now + lifetime,
            )
        )
        if not audited:
            return token, now + lifetime
        await append(
            AuditKind.PASSWORD_LINK_MADE,
            by,
            subject=found["email"],
            summary=(
                f"{'Invitation' if purpose is LinkPurpose.INVITE else 'Password reset'} link "
                f"made, working once for {_spoken(lifetime)}"
            ),
            after={"purpose": purpose.value, "expires_at": now + lifetime},
            client=client,
        )
    return token, now + lifetime


def _spoken(lifetime: timedelta) -> str:
    hours = round(lifetime.total_seconds() / 3600)
    if hours % 24 == 0 and hours >= 24:
        days = hours // 24
        return f"{days} day{'s' if days != 1 else ''}"
    return f"{hours} hour{'s' if hours != 1 else ''}"


async def _refusal_for(token_hash: str, now: datetime) -> Conflict | NotFound:
    row = (
        await PasswordLink.select(PasswordLink.used_at, PasswordLink.expires_at)
        .where(PasswordLink.token_hash == token_hash)
        .first()
    )
    if row is None:
        return LinkUnknown(UNKNOWN)
    if row["used_at"] is not None:
        return LinkUsed(USED)
    return LinkExpired(EXPIRED)


async def working_link(token: str) -> Link:
    """The link `token` opens while it works; else LinkUsed, LinkExpired or LinkUnknown."""
    now = clock.now()
    row = (
        await PasswordLink.select(
            PasswordLink.account.id.as_alias("account_id"),
            PasswordLink.account.email.as_alias("email"),
            PasswordLink.account.name.as_alias("name"),
            PasswordLink.account.active.as_alias("active"),
            PasswordLink.purpose,
            PasswordLink.expires_at,
        )
        .where(
            (PasswordLink.token_hash == _hash(token))
            & PasswordLink.used_at.is_null()
            & (PasswordLink.expires_at > now)
        )
        .first()
    )
    if row is None:
        raise await _refusal_for(_hash(token), now)
    if not row["active"]:
        raise LinkUnusable(DISABLED)
    return Link(
        row["account_id"], row["email"], row["name"], LinkPurpose(row["purpose"]), row["expires_at"]
    )


async def use_link(token: str, password: str, *, client: str = "") -> Link:
    """Set the password the link is for; every session of the account ends, its tokens too."""
    check_strength(password)
    link = await working_link(token)  # says why before the slow hash, when it cannot work
    password_hash = await hash_password(password)
    now = clock.now()
    invited = link.purpose is LinkPurpose.INVITE
    async with write_transaction(Account._meta.db):
        claimed = (
            await PasswordLink.update({PasswordLink.used_at: now})
            .where(
                (PasswordLink.token_hash == _hash(token))
                & PasswordLink.used_at.is_null()
                & (PasswordLink.expires_at > now)
            )
            .returning(PasswordLink.id)
        )
        if not claimed:
            raise await _refusal_for(_hash(token), now)
        await Account.update({Account.password_hash: password_hash}).where(
            Account.id == link.account_id
        )
        ended = await SignInSession.count().where(SignInSession.account == link.account_id)
        await SignInSession.delete().where(SignInSession.account == link.account_id)
        revoked = await end_all_tokens(link.account_id)
        await append(
            AuditKind.PASSWORD_SET,
            link.email,
            subject=link.email,
            summary=(
                f"Password set with {'an invitation' if invited else 'a reset'} link; "
                f"{ended} signed-in session(s) ended, {revoked} API token(s) revoked"
            ),
            after={"purpose": link.purpose.value, "api_tokens_revoked": revoked},
            client=client,
        )
    return link


async def has_password(account_id: int) -> bool:
    """False for an account invited that has not chosen its password yet."""
    return await Account.exists().where((Account.id == account_id) & (Account.password_hash != ""))
