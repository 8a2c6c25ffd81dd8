"""The Q1 file imported again after Q2 lists, per action, the rows that would put back older
progress, and confirming with them skipped leaves those actions as Q2 left them."""

from __future__ import annotations

import asyncio
import re
from datetime import date

from tests.support.returns import TVP_Q1
from tracker.accounts.sessions import SignedIn
from tracker.core.roles import Role
from tracker.core.settings import REPO_ROOT
from tracker.core.tables import Action, Update
from tracker.imports.service import import_workbook
from tracker.plans.fields import ACTION_FIELDS
from tracker.plans.state import action_state
from tracker.updates.editing import EditForm
from tracker.updates.store import edit_action

TODAY = date(2020, 11, 10)
BUSINESS_UNIT = SignedIn(1, "bu@example.org", "", Role.BUSINESS_UNIT, frozenset())


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


def test_an_older_copy_of_a_plan_would_put_back_words_changed_in_the_tracker(seeded_db):
    """The business unit changed 4.2's lead on its page; the group's old spreadsheet, imported
    again, would quietly put the old lead back: the preview says so, and it can be skipped."""
    overarching = REPO_ROOT / "imports" / "appendix1-overarching.xlsx"
    action = (
        Action.select(Action.id, Action.version, Action.lead)
        .where((Action.ref == "4.2") & (Action.plan.kind == "overarching"))
        .first()
        .run_sync()
    )
    state = asyncio.run(action_state(action["id"], TODAY))
    typed = {field.name: _typed(getattr(state, field.name)) for field in ACTION_FIELDS.editable}
    asyncio.run(
        edit_action(
            action["id"],
            EditForm(**{**typed, "lead": "Neglect Strategy Chair"}),
            version=action["version"],
            person=BUSINESS_UNIT,
            today=TODAY,
        )
    )

    def again(**options):
        return asyncio.run(
            import_workbook(
                overarching.read_bytes(),
                file_name=overarching.name,
                as_at=TODAY,
                recorded_by="officer",
                **options,
            )
        )

    preview = again(dry_run=True)
    [risk] = [risk for risk in preview.risks if risk.ref == "4.2"]
    assert len(risk.reasons) == 1
    assert re.fullmatch(
        r"its lead would go back to what it was before bu@example\.org changed it in the "
        r"tracker on \d{1,2} [A-Z][a-z]{2} \d{4}",
        risk.reasons[0],
    )
    messages = [warning["message"] for warning in preview.result["warnings"]]
    assert any(m.startswith("Action 4.2 of Overarching: its lead would go back") for m in messages)
    again(previewed=preview.fingerprint, skip={risk.action_id})
    kept = Action.select(Action.lead).where(Action.id == action["id"]).first().run_sync()
    assert kept["lead"] == "Neglect Strategy Chair"


def _typed(value) -> str:  # noqa: ANN001 - a field's value as the edit form sends it
    return "" if value is None else value.isoformat() if isinstance(value, date) else str(value)
