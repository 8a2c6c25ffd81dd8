"""Signing in and out. The browser holds a random token; the database holds its hash."""

from __future__ import annotations

import hashlib
import json
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from tracker.accounts.passwords import password_matches
from tracker.accounts.store import MAX_EMAIL, TOO_LONG_EMAIL, AccountProblem, normalised_email
from tracker.accounts.throttle import WINDOW, Verdict, client_verdict, sign_in_verdict
from tracker.audit.kinds import AuditKind
from tracker.audit.trail import append
from tracker.core import clock
from tracker.core.chosen import ChosenStrategy, every_strategy_column, strategies_in
from tracker.core.roles import Role
from tracker.core.shared_names import glossary_column
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


def _session_query(postgres: bool) -> str:
    """The session, its account, the agencies and lead titles it acts for, every strategy
    (tracker.core.chosen) and the glossary and names every page shows
    (tracker.core.web.rendering), in one query: every request asks who is signed in, and
    four queries took about 1.4 ms of a page's 10."""
    listed = "json_agg" if postgres else "json_group_array"
    return (
        "SELECT s.id AS id, s.last_seen_at AS last_seen_at, s.expires_at AS expires_at,"  # noqa: S608 - constant text
        " s.strategy AS strategy, a.id AS account_id, a.email AS email, a.name AS name,"
        " a.role AS role, a.active AS active,"
        f" (SELECT {listed}(agency) FROM account_agency WHERE account = a.id) AS agencies,"
        f" (SELECT {listed}(lead_name) FROM account_lead_name WHERE account = a.id) AS leads,"
        f" {every_strategy_column(postgres)} AS strategies,"
        f" {glossary_column(postgres)} AS glossary"
        " FROM sign_in_session AS s JOIN account AS a ON a.id = s.account"
        " WHERE s.token_hash = {}"
    )


_SESSION_QUERIES = {postgres: _session_query(postgres) for postgres in (True, False)}


def _listed(column: Any) -> list[Any]:
    """A JSON array column as a list (None, or SQLite's "[null]" from no rows, as none)."""
    found = json.loads(column) if isinstance(column, str) else column
    return [value for value in found or [] if value is not None]


@dataclass(frozen=True)
class Session:
    """Who is signed in, and every strategy, read with it."""

    person: SignedIn
    strategies: tuple[ChosenStrategy, ...]
    glossary: Any = None  # tracker.core.web.rendering.glossary_column's value


async def signed_in(token: str | None) -> SignedIn | None:
    """Who holds `token`, while the session is live and the account active."""
    session = await live_session(token)
    return session.person if session else None


async def live_session(token: str | None) -> Session | None:
    """Who holds `token` and every strategy, while the session is live and the account
    active."""
    if not token:
        return None
    now = clock.now()
    postgres = Account._meta.db.engine_type == "postgres"
    rows = await Account.raw(_SESSION_QUERIES[postgres], _hash(token))
    if not rows:
        return None
    session = rows[0]
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
    person = SignedIn(
        session["account_id"],
        session["email"],
        session["name"],
        Role(session["role"]),
        frozenset(int(agency) for agency in _listed(session["agencies"])),
        frozenset(str(lead) for lead in _listed(session["leads"])),
        session["strategy"],
    )
    every = strategies_in(session["strategies"], postgres)
    return Session(person, every, session["glossary"] or "[]")


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
