"""Password hashing with argon2 (argon2-cffi), off the event loop: a hash takes ~50 ms."""

from __future__ import annotations

import asyncio
import functools
import secrets

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from tracker.core.refusals import InvalidInput

_HASHER = PasswordHasher()
MIN_LENGTH = 12
MAX_LENGTH = 1024  # beyond any passphrase; a longer one is not hashed, only refused


@functools.cache
def _dummy_hash() -> str:
    """Checked against when an email is unknown, so a wrong email takes as long as a wrong
    password. Made when first needed: a hash takes a while, and most commands never need it."""
    return _HASHER.hash(secrets.token_urlsafe(16))


class WeakPassword(InvalidInput):
    def __init__(self, message: str) -> None:
        super().__init__({"password": message})


def check_strength(password: str) -> None:
    if len(password) < MIN_LENGTH:
        raise WeakPassword(f"Passwords must be at least {MIN_LENGTH} characters long.")
    if len(password) > MAX_LENGTH:
        raise WeakPassword(f"Passwords must be {MAX_LENGTH:,} characters or fewer.")


def generated_password() -> str:
    return secrets.token_urlsafe(15)


async def hash_password(password: str) -> str:
    return await asyncio.to_thread(_HASHER.hash, password)


async def password_matches(password: str, password_hash: str | None) -> bool:
    if len(password) > MAX_LENGTH:
        return False

    def verify() -> bool:
        try:
            return (
                _HASHER.verify(password_hash or _dummy_hash(), password)
                and password_hash is not None
            )
        except (VerificationError, InvalidHashError):
            return False

    return await asyncio.to_thread(verify)
