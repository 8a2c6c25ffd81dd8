"""Write transactions that behave the same on SQLite and PostgreSQL."""

from __future__ import annotations

from typing import Any

from piccolo.engine.base import Engine
from piccolo.engine.sqlite import TransactionType


def write_transaction(engine: Engine) -> Any:
    """A transaction for read-then-write work.

    On SQLite it takes the write lock at the start (BEGIN IMMEDIATE): a
    deferred transaction that reads first and writes later fails with
    "database is locked" when another writer got there in between.
    """
    if engine.engine_type == "sqlite":
        return engine.transaction(transaction_type=TransactionType.immediate)  # type: ignore[call-arg]
    return engine.transaction()
