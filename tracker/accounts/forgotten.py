"""'Forgotten your password?': a reset link e-mailed to a known address, throttled.

The answer is the same whether or not the address is known (the page never
says, and the e-mail is sent after the answer, so it takes no longer either).
The audit trail records each request with the address typed and the client.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from tracker.accounts.password_links import LinkPurpose, make_link
from tracker.accounts.store import AccountProblem, normalised_email
from tracker.accounts.throttle import rate_verdict
from tracker.audit.kinds import AuditKind
from tracker.audit.trail import append
from tracker.core import clock
from tracker.core.tables import Account, AuditEvent, PasswordLink
from tracker.core.transactions import write_transaction

# From one client: enough for a person who mistypes their address a few times.
MOST_ASKED_FROM_A_CLIENT = 5
ASKING_WINDOW = timedelta(minutes=15)
# To one account: a few e-mails an hour at most, whoever asks.
MOST_LINKS_TO_AN_ACCOUNT = 3
LINKS_WINDOW = timedelta(hours=1)


@dataclass(frozen=True)
class ResetAsked:
    """What a request for a reset link came to. `token` is set when a link is to be e-mailed."""

    retry_after: timedelta | None = None  # refused: too many requests from this client
    email: str = ""
    name: str = ""
    token: str | None = None
    expires_at: datetime | None = None


async def _asked_from(client: str, now: datetime) -> list[datetime]:
    rows = await AuditEvent.select(AuditEvent.occurred_at).where(
        (AuditEvent.kind == AuditKind.PASSWORD_LINK_ASKED.value)
        & (AuditEvent.client == client[:100])
        & (AuditEvent.occurred_at > now - ASKING_WINDOW)
    )
    return [row["occurred_at"] for row in rows]


async def _links_made_for(account_id: int, now: datetime) -> list[datetime]:
    rows = await PasswordLink.select(PasswordLink.created_at).where(
        (PasswordLink.account == account_id)
        & (PasswordLink.purpose == LinkPurpose.RESET.value)
        & (PasswordLink.created_at > now - LINKS_WINDOW)
    )
    return [row["created_at"] for row in rows]


async def ask_for_reset(typed: str, *, client: str) -> ResetAsked:
    now = clock.now()
    verdict = rate_verdict(
        await _asked_from(client, now), now, most=MOST_ASKED_FROM_A_CLIENT, window=ASKING_WINDOW
    )
    if not verdict.allowed:
        return ResetAsked(retry_after=verdict.retry_after)
    try:
        email = normalised_email(typed)
    except AccountProblem:
        email = ""
    account = (
        await Account.select(Account.id, Account.name)
        .where((Account.email == email) & (Account.active == True))  # noqa: E712 - SQL
        .first()
        if email
        else None
    )
    if account is None:
        why, asked = "No active account has this address: nothing sent", ResetAsked()
    elif not rate_verdict(
        await _links_made_for(account["id"], now),
        now,
        most=MOST_LINKS_TO_AN_ACCOUNT,
        window=LINKS_WINDOW,
    ).allowed:
        why, asked = "Enough links were sent this hour: nothing sent", ResetAsked()
    else:
        token, expires_at = await make_link(
            account["id"], LinkPurpose.RESET, by=email, client=client
        )
        why = "A reset link is e-mailed"
        asked = ResetAsked(None, email, account["name"], token, expires_at)
    async with write_transaction(Account._meta.db):
        await append(
            AuditKind.PASSWORD_LINK_ASKED,
            email or "anonymous",
            subject=typed.strip()[:300],
            summary=why,
            client=client,
        )
    return asked
