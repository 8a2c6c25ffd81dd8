"""The Q1 file imported again after Q2 lists, per action, the rows that would put back older
progress, and confirming with them skipped leaves those actions as Q2 left them."""

from __future__ import annotations

import asyncio
from datetime import date

from tests.support.returns import TVP_Q1
from tracker.core.tables import Update
from tracker.imports.service import import_workbook

TODAY = date(2020, 11, 10)


def q1_again(**options):
    return asyncio.run(
        import_workbook(
            TVP_Q1.read_bytes(),
            file_name="agency-tvp-2020-21-q1.xlsx",
            as_at=TODAY,
            recorded_by="officer",
            **options,
        )
    )


def test_the_q1_file_after_q2_lists_each_row_that_would_put_back_older_progress(
    two_quarters_db,
):
    preview = q1_again(dry_run=True)

    older = {r.ref: r.reasons for r in preview.risks}
    assert older == {
        "1.1": ("its progress would go back to an older note the tracker had",),
        "4.1": ("its progress would go back to an older note the tracker had",),
    }
    messages = [w["message"] for w in preview.result["warnings"]]
    assert any(m.startswith("Action 1.1 of Thames Valley Police: its progress") for m in messages)


def test_rows_skipped_on_confirm_are_not_applied(two_quarters_db):
    preview = q1_again(dry_run=True)
    risky = {risk.action_id for risk in preview.risks}

    done = q1_again(previewed=preview.fingerprint, skip=risky)

    applied = Update.select(Update.action).where(Update.import_record == done.import_id)
    assert {row["action"] for row in applied.run_sync()}.isdisjoint(risky)
