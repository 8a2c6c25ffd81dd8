"""Whether an error means the database cannot be reached just now, rather than a bug.

The server stopped or restarting, the network or the disk gone, every
connection taken, the SQLite file locked past its timeout: none of these is
the request's fault, and trying again later may work. Anything else is a bug.
"""

from __future__ import annotations

import errno
import socket
import sqlite3

import asyncpg

# What SQLite says when its file cannot be opened, read or written (not a bad query).
_SQLITE_UNREACHABLE = (
    "unable to open database file",
    "disk i/o error",
    "database is locked",
    "readonly database",
    "database or disk is full",
)
_POSTGRES_UNREACHABLE = (
    asyncpg.PostgresConnectionError,  # class 08: connection exceptions
    asyncpg.CannotConnectNowError,  # starting up or shutting down
    asyncpg.AdminShutdownError,
    asyncpg.CrashShutdownError,
    asyncpg.TooManyConnectionsError,
)
# asyncpg's own words for a connection or pool that went away under it.
_CLOSED = ("connection is closed", "pool is closed", "pool is closing")
_NETWORK_ERRNOS = frozenset(
    {
        errno.ECONNREFUSED,
        errno.ECONNRESET,
        errno.ECONNABORTED,
        errno.EHOSTUNREACH,
        errno.ENETUNREACH,
        errno.ETIMEDOUT,
        errno.EPIPE,
        errno.EADDRNOTAVAIL,
    }
)
_CHAIN_LIMIT = 8


def database_unreachable(error: BaseException) -> bool:
    """True when `error`, or an error it was raised from, says the database is unreachable."""
    seen: BaseException | None = error
    for _ in range(_CHAIN_LIMIT):
        if seen is None:
            return False
        if _says_unreachable(seen):
            return True
        seen = seen.__cause__ or seen.__context__
    return False


def _says_unreachable(error: BaseException) -> bool:
    if isinstance(error, sqlite3.OperationalError):
        said = str(error).lower()
        return any(words in said for words in _SQLITE_UNREACHABLE)
    if isinstance(error, _POSTGRES_UNREACHABLE):
        return True
    if isinstance(error, asyncpg.InterfaceError):
        said = str(error).lower()
        return any(words in said for words in _CLOSED)
    if isinstance(error, ConnectionError | TimeoutError | socket.gaierror):
        return True
    if isinstance(error, OSError):
        # Connecting to several addresses at once fails with one OSError naming them all.
        return error.errno in _NETWORK_ERRNOS or (
            error.errno is None and "connect call failed" in str(error).lower()
        )
    return False
