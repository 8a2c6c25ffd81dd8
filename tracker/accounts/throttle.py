"""Slowing down password guessing: too many failed sign-ins lock the email for a while, and
too many from one client address, whatever the emails, lock that address."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta

MAX_FAILURES = 5
# Per client address, across all emails: room for an office behind one address mistyping, not
# for trying one password on every address.
MAX_CLIENT_FAILURES = 20
WINDOW = timedelta(minutes=15)


@dataclass(frozen=True)
class Verdict:
    allowed: bool
    retry_after: timedelta = timedelta(0)


def sign_in_verdict(failures: Iterable[datetime], now: datetime) -> Verdict:
    """`failures`: failed attempts on one email since its last successful sign-in.

    After MAX_FAILURES failures within WINDOW, no attempt is even checked until
    WINDOW has passed since the latest of them.
    """
    recent = sorted(at for at in failures if now - at < WINDOW)
    if len(recent) < MAX_FAILURES:
        return Verdict(True)
    return Verdict(False, recent[-1] + WINDOW - now)


def client_verdict(failures: Iterable[datetime], now: datetime) -> Verdict:
    """`failures`: failed attempts from one client address, on any email.

    After MAX_CLIENT_FAILURES within WINDOW, no attempt from the address is checked (nor
    recorded) until WINDOW has passed since the latest of them. A successful sign-in does
    not reset it: one account of one's own must not open the way to guessing others'.
    """
    recent = sorted(at for at in failures if now - at < WINDOW)
    if len(recent) < MAX_CLIENT_FAILURES:
        return Verdict(True)
    return Verdict(False, recent[-1] + WINDOW - now)


def rate_verdict(
    times: Iterable[datetime], now: datetime, *, most: int, window: timedelta
) -> Verdict:
    """`times`: when something was asked for. Once `most` of them fall within `window`, no
    more until the window has passed since the earliest of those counted."""
    recent = sorted(at for at in times if now - at < window)
    if len(recent) < most:
        return Verdict(True)
    return Verdict(False, recent[-most] + window - now)
