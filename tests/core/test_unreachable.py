"""Which errors mean "the database cannot be reached just now" (503) and which are bugs (500)."""

from __future__ import annotations

import socket
import sqlite3

import asyncpg
import pytest

from tracker.core.unreachable import database_unreachable


def raised_from(error: Exception, cause: Exception) -> Exception:
    try:
        try:
            raise cause
        except Exception as inner:
            raise error from inner
    except Exception as outer:
        return outer


@pytest.mark.parametrize(
    "error",
    [
        sqlite3.OperationalError("unable to open database file"),
        sqlite3.OperationalError("disk I/O error"),
        sqlite3.OperationalError("database is locked"),
        sqlite3.OperationalError("attempt to write a readonly database"),
        asyncpg.ConnectionDoesNotExistError("connection was closed in the middle of operation"),
        asyncpg.CannotConnectNowError("the database system is shutting down"),
        asyncpg.AdminShutdownError("terminating connection due to administrator command"),
        asyncpg.TooManyConnectionsError("sorry, too many clients already"),
        asyncpg.InterfaceError("cannot call Connection.fetch(): connection is closed"),
        ConnectionRefusedError(111, "Connect call failed ('127.0.0.1', 5432)"),
        ConnectionResetError(104, "Connection reset by peer"),
        TimeoutError(),
        socket.gaierror(-2, "Name or service not known"),
        OSError("Multiple exceptions: [Errno 111] Connect call failed ('::1', 5432)"),
        raised_from(RuntimeError("wrapped"), ConnectionRefusedError(111, "refused")),
    ],
    ids=repr,
)
def test_an_unreachable_database_is_recognised(error):
    assert database_unreachable(error)


@pytest.mark.parametrize(
    "error",
    [
        sqlite3.OperationalError("no such table: strategy"),
        sqlite3.OperationalError('near "SELEC": syntax error'),
        sqlite3.IntegrityError("UNIQUE constraint failed: plan.name"),
        asyncpg.UniqueViolationError("duplicate key value violates unique constraint"),
        asyncpg.InterfaceError("cannot perform operation: another operation is in progress"),
        FileNotFoundError(2, "No such file or directory", "templates/missing.html"),
        KeyError("a bug"),
        ValueError("a bug"),
        raised_from(KeyError("a bug"), ValueError("another bug")),
    ],
    ids=repr,
)
def test_a_bug_is_not_taken_for_an_outage(error):
    assert not database_unreachable(error)
