"""One import at a time per plan, so the check against the preview and the write agree.

SQLite already runs one write transaction at a time (write_transaction begins
IMMEDIATE). PostgreSQL runs them side by side, so a confirmation takes a
transaction-scoped advisory lock for each plan of the workbook, in name order
(no deadlock between two workbooks sharing plans), before it compares the
file with the tracker. A second confirmation of the same change waits, then
sees what the first wrote, and is shown the new preview instead.
"""

from __future__ import annotations

from collections.abc import Iterable

from piccolo.engine.base import Engine
from piccolo.querystring import QueryString

IMPORTS = "tracker imports"  # the lock class: keeps these locks apart from any other


async def lock_plans(engine: Engine, plan_names: Iterable[str]) -> None:
    """Inside a write transaction: wait for, then hold until it ends, each plan's lock."""
    if engine.engine_type != "postgres":
        return
    for name in sorted(set(plan_names)):
        await engine.run_querystring(
            QueryString("SELECT pg_advisory_xact_lock(hashtext({}), hashtext({}))", IMPORTS, name)
        )
