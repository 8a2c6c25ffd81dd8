"""Changing your own password on your profile: the current one first.

Every other session of the account ends, and its API tokens are revoked (as
a reset does: whoever knew the old password may have made some); the session
that changed it stays signed in. A wrong current password counts as a failed
sign-in, so guessing it is throttled as signing in is.
"""

from __future__ import annotations

import hashlib

from tracker.accounts.ended_tokens import end_all_tokens
from tracker.accounts.passwords import check_strength, hash_password, password_matches
from tracker.accounts.throttle import WINDOW, sign_in_verdict
from tracker.audit.kinds import AuditKind
from tracker.audit.trail import append
from tracker.core import clock
from tracker.core.refusals import InvalidInput
from tracker.core.tables import Account, SignInAttempt, SignInSession
from tracker.core.transactions import write_transaction


async def _recent_failures(email: str) -> list:
    now = clock.now()
    rows = await SignInAttempt.select(SignInAttempt.attempted_at, SignInAttempt.succeeded).where(
        (SignInAttempt.email == email) & (SignInAttempt.attempted_at > now - WINDOW)
    )
    failures: list = []
    for row in sorted(rows, key=lambda r: r["attempted_at"]):
        failures = [] if row["succeeded"] else [*failures, row["attempted_at"]]
    return failures


async def change_own_password(
    account_id: int,
    email: str,
    *,
    current: str,
    new: str,
    again: str,
    session_token: str | None,
    client: str = "",
) -> int:
    """Set the new password; how many API tokens were revoked."""
    now = clock.now()
    verdict = sign_in_verdict(await _recent_failures(email), now)
    if not verdict.allowed:
        minutes = max(1, round(verdict.retry_after.total_seconds() / 60))
        raise InvalidInput(
            {"current_password": f"Too many wrong passwords. Try again in {minutes} minute(s)."}
        )
    row = await Account.select(Account.password_hash).where(Account.id == account_id).first()
    if row is None or not await password_matches(current, row["password_hash"]):
        async with write_transaction(Account._meta.db):
            await SignInAttempt.insert(
                SignInAttempt(email=email, succeeded=False, attempted_at=now, client=client[:100])
            )
            await append(
                AuditKind.SIGN_IN_FAILED,
                email,
                subject=email,
                summary="Wrong current password when changing it",
                client=client,
            )
        raise InvalidInput({"current_password": "That is not your current password."})
    check_strength(new, "new_password")
    if new != again:
        raise InvalidInput({"confirm": "The two new passwords are not the same: type it again."})
    if new == current:
        raise InvalidInput({"new_password": "The new password is the one you have now."})
    password_hash = await hash_password(new)
    kept = hashlib.sha256(session_token.encode()).hexdigest() if session_token else ""
    async with write_transaction(Account._meta.db):
        await Account.update({Account.password_hash: password_hash}).where(Account.id == account_id)
        others = (SignInSession.account == account_id) & (SignInSession.token_hash != kept)
        ended = await SignInSession.count().where(others)
        await SignInSession.delete().where(others)
        revoked = await end_all_tokens(account_id)
        await append(
            AuditKind.PASSWORD_CHANGED,
            email,
            subject=email,
            summary=(
                f"Changed their own password; {ended} other session(s) ended, "
                f"{revoked} API token(s) revoked"
            ),
            after={"api_tokens_revoked": revoked},
            client=client,
        )
    return revoked
