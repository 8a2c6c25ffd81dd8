"""Passwords: how strong they must be, and hashing with argon2 (argon2-cffi), off the event
loop: a hash takes ~50 ms."""

from __future__ import annotations

import asyncio
import functools
import secrets
from pathlib import Path

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from tracker.core.refusals import InvalidInput

_HASHER = PasswordHasher()
MIN_LENGTH = 12
MAX_LENGTH = 1024  # beyond any passphrase; a longer one is not hashed, only refused
MIN_DIFFERENT_CHARACTERS = 5
COMMON_PASSWORDS_FILE = Path(__file__).with_name("common_passwords.txt")
_ENDS = "0123456789!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~£ \t"
_DIGIT_RUNS = "0123456789" * 4 + "9876543210" * 4


@functools.cache
def _dummy_hash() -> str:
    """Checked against when an email is unknown, so a wrong email takes as long as a wrong
    password. Made when first needed: a hash takes a while, and most commands never need it."""
    return _HASHER.hash(secrets.token_urlsafe(16))


@functools.cache
def common_passwords() -> frozenset[str]:
    lines = COMMON_PASSWORDS_FILE.read_text(encoding="utf-8").splitlines()
    return frozenset(line.strip() for line in lines if line.strip() and not line.startswith("#"))


class WeakPassword(InvalidInput):
    def __init__(self, message: str, field: str = "password") -> None:
        super().__init__({field: message})


def weakness(password: str) -> str | None:
    """Why `password` will not do, in words for the person choosing it; None when it will."""
    if len(password) < MIN_LENGTH:
        return f"Passwords must be at least {MIN_LENGTH} characters long."
    if len(password) > MAX_LENGTH:
        return f"Passwords must be {MAX_LENGTH:,} characters or fewer."
    lowered = password.lower()
    core = lowered.strip(_ENDS)
    if (
        core in common_passwords()
        or lowered in common_passwords()
        or (not core and lowered in _DIGIT_RUNS)
    ):
        return (
            "That is one of the passwords people use most, so it is among the first "
            "tried: choose another, for example three or four unrelated words."
        )
    if len(set(lowered)) < MIN_DIFFERENT_CHARACTERS or _repeats(lowered):
        return "That password repeats itself too much: choose one that is harder to guess."
    return None


def _repeats(text: str) -> bool:
    """ "abcabcabcabc": the same few characters over and over."""
    return any(
        len(text) % size == 0 and text == text[:size] * (len(text) // size)
        for size in range(1, len(text) // 2 + 1)
    )


def check_strength(password: str, field: str = "password") -> None:
    problem = weakness(password)
    if problem is not None:
        raise WeakPassword(problem, field)


def generated_password() -> str:
    return secrets.token_urlsafe(15)


async def hash_password(password: str) -> str:
    return await asyncio.to_thread(_HASHER.hash, password)


async def password_matches(password: str, password_hash: str | None) -> bool:
    """An account invited but without a password yet has an empty hash: nothing matches it."""
    if len(password) > MAX_LENGTH:
        return False

    def verify() -> bool:
        try:
            return _HASHER.verify(password_hash or _dummy_hash(), password) and bool(password_hash)
        except (VerificationError, InvalidHashError):
            return False

    return await asyncio.to_thread(verify)
