"""Signing in and out. The browser holds a random token; the database holds its hash."""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass, replace
from datetime import datetime, timedelta

from tracker.accounts.passwords import password_matches
from tracker.accounts.store import MAX_EMAIL, TOO_LONG_EMAIL, AccountProblem, normalised_email
from tracker.accounts.throttle import WINDOW, Verdict, client_verdict, sign_in_verdict
from tracker.audit.kinds import AuditKind
from tracker.audit.trail import append
from tracker.core import clock
from tracker.core.roles import Role
from tracker.core.tables import Account, SignInAttempt, SignInSession
from tracker.core.transactions import write_transaction
from tracker.core.web.access import SignedIn

IDLE_TIMEOUT = timedelta(hours=2)
LONGEST_SESSION = timedelta(hours=12)
_SEEN_EVERY = timedelta(minutes=5)  # last-seen is written at most this often


@dataclass(frozen=True)
class SignInOutcome:
    token: str | None
    problem: str | None = None
    throttled: bool = False
    role: Role | None = None  # signed in: theirs, for where they land


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


async def _record_attempt(
    email: str, succeeded: bool, client: str, now: datetime, why: str = ""
) -> None:
    # `email` is normalised, so at most MAX_EMAIL long; cut again all the same, as the
    # columns are that long and only the bounded may ever be stored.
    email = email[:MAX_EMAIL]
    await SignInAttempt.insert(
        SignInAttempt(email=email, succeeded=succeeded, attempted_at=now, client=client[:100])
    )
    await append(
        AuditKind.SIGN_IN if succeeded else AuditKind.SIGN_IN_FAILED,
        email,
        subject=email,
        summary=why,
        client=client,
    )


async def _recent_failures(email: str, now: datetime) -> list[datetime]:
    rows = await SignInAttempt.select(SignInAttempt.attempted_at, SignInAttempt.succeeded).where(
        (SignInAttempt.email == email) & (SignInAttempt.attempted_at > now - WINDOW)
    )
    failures: list[datetime] = []
    for row in sorted(rows, key=lambda r: r["attempted_at"]):
        failures = [] if row["succeeded"] else [*failures, row["attempted_at"]]
    return failures


async def _client_failures(client: str, now: datetime) -> list[datetime]:
    rows = await SignInAttempt.select(SignInAttempt.attempted_at).where(
        (SignInAttempt.client == client[:100])
        & (SignInAttempt.attempted_at > now - WINDOW)
        & (SignInAttempt.succeeded == False)  # noqa: E712 - a column comparison, not a bool test
    )
    return [row["attempted_at"] for row in rows]


def _wait(verdict: Verdict) -> str:
    minutes = max(1, round(verdict.retry_after.total_seconds() / 60))
    return f"Try again in {minutes} minute{'s' if minutes != 1 else ''}."


async def sign_in(
    email: str, password: str, *, client: str, replacing: str | None = None
) -> SignInOutcome:
    """A new session token for the right email and password.

    Any session the browser already had (`replacing`) ends: a fresh token on
    every sign-in, so a token planted before sign-in is worthless after it.
    """
    now = clock.now()
    # Checked before anything is read or written: from an address over its limit nothing is
    # recorded either, so a flood of attempts cannot fill the disk.
    from_client = client_verdict(await _client_failures(client, now), now)
    if not from_client.allowed:
        return SignInOutcome(
            None,
            f"Too many failed sign-in attempts from your network address. {_wait(from_client)}",
            throttled=True,
        )
    try:
        email = normalised_email(email)
    except AccountProblem as problem:
        return SignInOutcome(
            None,
            str(problem)
            if str(problem) == TOO_LONG_EMAIL
            else ("Enter your email address, like name@example.org."),
        )
    verdict = sign_in_verdict(await _recent_failures(email, now), now)
    if not verdict.allowed:
        async with write_transaction(Account._meta.db):
            await _record_attempt(email, False, client, now, "Refused: too many failed attempts")
        return SignInOutcome(
            None,
            f"Too many failed attempts for this email address. {_wait(verdict)}",
            throttled=True,
        )
    account = (
        await Account.select(Account.id, Account.password_hash, Account.active, Account.role)
        .where(Account.email == email)
        .first()
    )
    matches = await password_matches(password, account["password_hash"] if account else None)
    if account is None or not matches or not account["active"]:
        why = (
            "No such account"
            if account is None
            else "Wrong password"
            if not matches
            else "Account disabled"
        )
        async with write_transaction(Account._meta.db):
            await _record_attempt(email, False, client, now, why)
        return SignInOutcome(None, "The email address or password is not right.")
    token = secrets.token_urlsafe(32)
    async with write_transaction(Account._meta.db):
        if replacing:
            await SignInSession.delete().where(SignInSession.token_hash == _hash(replacing))
        await SignInSession.insert(
            SignInSession(
                token_hash=_hash(token),
                account=account["id"],
                created_at=now,
                last_seen_at=now,
                expires_at=now + LONGEST_SESSION,
            )
        )
        await Account.update({Account.last_signed_in_at: now}).where(Account.id == account["id"])
        await _record_attempt(email, True, client, now)
    return SignInOutcome(token, role=Role(account["role"]))


# Built once: Piccolo copies every column of a joined table each time a join is named (20
# microseconds a column here), and every request asks who is signed in.
_SESSION_COLUMNS = (
    SignInSession.id,
    SignInSession.last_seen_at,
    SignInSession.expires_at,
    SignInSession.strategy,
    SignInSession.account.id.as_alias("account_id"),
    SignInSession.account.email.as_alias("email"),
    SignInSession.account.name.as_alias("name"),
    SignInSession.account.role.as_alias("role"),
    SignInSession.account.active.as_alias("active"),
)


async def signed_in(token: str | None) -> SignedIn | None:
    """Who holds `token`, while the session is live and the account active."""
    if not token:
        return None
    now = clock.now()
    session = (
        await SignInSession.select(*_SESSION_COLUMNS)
        .where(SignInSession.token_hash == _hash(token))
        .first()
    )
    if session is None:
        return None
    if (
        not session["active"]
        or session["expires_at"] <= now
        or now - session["last_seen_at"] > IDLE_TIMEOUT
    ):
        await SignInSession.delete().where(SignInSession.id == session["id"])
        return None
    if now - session["last_seen_at"] > _SEEN_EVERY:
        await SignInSession.update({SignInSession.last_seen_at: now}).where(
            SignInSession.id == session["id"]
        )
    person = await signed_in_account(
        session["account_id"], session["email"], session["name"], Role(session["role"])
    )
    return replace(person, strategy=session["strategy"])


async def choose_strategy(token: str | None, strategy_id: int) -> None:
    """Remember the strategy this browser's session works on (the header's switcher)."""
    if token:
        await SignInSession.update({SignInSession.strategy: strategy_id}).where(
            SignInSession.token_hash == _hash(token)
        )


async def signed_in_account(account_id: int, email: str, name: str, role: Role) -> SignedIn:
    """The person, with the agencies and lead titles they act for (one query)."""
    rows = await Account.raw(
        "SELECT 'agency' AS kind, CAST(agency AS TEXT) AS value FROM account_agency "
        "WHERE account = {} UNION ALL "
        "SELECT 'lead' AS kind, lead_name AS value FROM account_lead_name WHERE account = {}",
        account_id,
        account_id,
    )
    return SignedIn(
        account_id,
        email,
        name,
        role,
        frozenset(int(row["value"]) for row in rows if row["kind"] == "agency"),
        frozenset(row["value"] for row in rows if row["kind"] == "lead"),
    )


async def sign_out(token: str | None) -> None:
    if token:
        await SignInSession.delete().where(SignInSession.token_hash == _hash(token))
