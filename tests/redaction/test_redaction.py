"""Redacting flagged text leaves the original nowhere in the database; clearing keeps it.

Every test runs on SQLite and PostgreSQL (the audit trail's trigger differs).
"""

import asyncio
import json
from datetime import date

import pytest

from tests.redaction.test_rewrite import workbook_bytes
from tracker.accounts.sessions import SignedIn
from tracker.audit.kinds import AuditKind
from tracker.audit.trail import append
from tracker.challenges.rules import ChallengeForm
from tracker.challenges.store import raise_challenge
from tracker.core import clock
from tracker.core.personal_data.check import guard
from tracker.core.personal_data.flags import record_flags
from tracker.core.roles import Role
from tracker.core.tables import (
    Action,
    AssuranceRating,
    AuditEvent,
    Challenge,
    Escalation,
    FlaggedText,
    OutcomeEvidence,
    PlanReturn,
    ReturnStep,
    StagedUpload,
    Update,
)
from tracker.escalations.rules import EscalationForm
from tracker.escalations.store import raise_escalation
from tracker.imports.staging import stage
from tracker.redaction.review import FlagNotFound, FlagSettled, clear_flag, redact_flag
from tracker.redaction.staged import holds_any
from tracker.updates.rules import UpdateForm
from tracker.updates.store import record_update

TODAY = date(2020, 9, 30)
BU = SignedIn(1, "bu@example.org", "", Role.BUSINESS_UNIT, frozenset())
PHONE = "01865 123456"
ORIGINAL = f"Two briefings done; mum asked us to call her on {PHONE} about her son."
REDACTED = "Two briefings done; mum asked us to call her on [redacted phone number] about her son."


def holding(text: str, *tables) -> list[str]:
    """Every table.column (text, varchar or JSON) of every row in which `text` appears."""
    found = []
    for table in tables:
        for row in table.select().run_sync():
            for column, value in row.items():
                shown = value if isinstance(value, str) else json.dumps(value, default=str)
                if isinstance(value, str | dict | list) and text in shown:
                    found.append(f"{table._meta.tablename}.{column}")
    return found


def overarching(ref: str) -> dict:
    return (
        Action.select(Action.id, Action.version)
        .where((Action.ref == ref) & (Action.plan.kind == "overarching"))
        .first()
        .run_sync()
    )


def update(ref: str, progress: str, *, confirmed: bool = True):
    action = overarching(ref)
    return asyncio.run(
        record_update(
            action["id"],
            UpdateForm("amber", progress),
            version=action["version"],
            person=BU,
            today=TODAY,
            confirmed=confirmed,
        )
    )


def only_flag() -> dict:
    [flag] = FlaggedText.select().run_sync()
    return flag


def redact(flag_id: int):
    return asyncio.run(redact_flag(flag_id, redacted_by="bu@example.org"))


def test_redacting_an_update_leaves_the_original_nowhere_and_is_audited(seeded_db):
    update("4.2", ORIGINAL)
    update("4.2", "Third briefing booked.")  # its audit entry's "before" copies the original
    flag = only_flag()
    assert holding(PHONE, AuditEvent) == ["audit_event.after", "audit_event.before"]

    redaction = redact(flag["id"])

    assert not redaction.changed_since and redaction.audit_entries == 2
    progress = Update.select(Update.progress).where(Update.id == flag["record_id"])
    assert progress.first().run_sync()["progress"] == REDACTED
    for text in (PHONE, ORIGINAL):
        assert holding(text, Update, AuditEvent, FlaggedText) == []
    assert holding(REDACTED, AuditEvent) == ["audit_event.after", "audit_event.before"]
    [entry] = AuditEvent.select().where(AuditEvent.kind == "text-redacted").run_sync()
    assert entry["actor"] == "bu@example.org" and entry["action_id"] == flag["action_id"]
    assert json.loads(entry["after"])["redacted"] == ["phone"]
    done = FlaggedText.select().where(FlaggedText.id == flag["id"]).first().run_sync()
    assert done["redacted_by"] == "bu@example.org" and done["redacted_at"] is not None


def test_other_actions_audit_entries_are_left_as_they_are(seeded_db):
    update("4.2", ORIGINAL)
    update("4.1", f"Helpline {PHONE} advertised.", confirmed=True)
    first = FlaggedText.select().order_by(FlaggedText.id).first().run_sync()
    redact(first["id"])
    assert holding(PHONE, Update) == ["action_update.progress"]  # 4.1's own, still flagged


def add_return_texts() -> dict[str, tuple[type, int, str]]:
    """A return, a return step, an assurance rating and outcome evidence holding ORIGINAL,
    flagged and audited as the features writing them do."""

    async def add() -> dict[str, tuple[type, int, str]]:
        action = overarching("4.2")
        plan = await Action.select(Action.plan).where(Action.id == action["id"]).first()
        now = clock.now()
        [ret] = await PlanReturn.insert(
            PlanReturn(
                plan=plan["plan"],
                quarter="2020-21-Q2",
                state="returned",
                started_at=now,
                comments=ORIGINAL,
            )
        ).returning(PlanReturn.id)
        [step] = await ReturnStep.insert(
            ReturnStep(
                plan_return=ret["id"],
                state="returned",
                actor="c",
                occurred_at=now,
                comment=ORIGINAL,
            )
        ).returning(ReturnStep.id)
        [rating] = await AssuranceRating.insert(
            AssuranceRating(
                action=action["id"],
                quarter="2020-21-Q2",
                rag="red",
                reason=ORIGINAL,
                set_by="c",
                set_at=now,
            )
        ).returning(AssuranceRating.id)
        [outcome] = await OutcomeEvidence.insert(
            OutcomeEvidence(
                action=action["id"], evidenced="partly", note=ORIGINAL, set_by="c", set_at=now
            )
        ).returning(OutcomeEvidence.id)
        made = {
            "plan_return": (PlanReturn, ret["id"], "comments", None),
            "return_step": (ReturnStep, step["id"], "comment", None),
            "assurance_rating": (AssuranceRating, rating["id"], "reason", action["id"]),
            "outcome_evidence": (OutcomeEvidence, outcome["id"], "note", action["id"]),
        }
        for name, (_, record_id, field, action_id) in made.items():
            subject = "Action 4.2, Overarching" if action_id else "2020-21 Q2 return, Overarching"
            await record_flags(
                guard({field: (field, ORIGINAL)}, confirmed=True),
                record_table=name,
                record_id=record_id,
                confirmed_by="c",
                action_id=action_id,
                subject=subject,
            )
            await append(
                AuditKind.RETURN_RETURNED,
                "c",
                subject=subject,
                action_id=action_id,
                after={field: ORIGINAL},
            )
        return {
            name: (table, record_id, field) for name, (table, record_id, field, _) in made.items()
        }

    return asyncio.run(add())


@pytest.mark.parametrize(
    "name", ["plan_return", "return_step", "assurance_rating", "outcome_evidence"]
)
def test_each_newer_table_of_free_text_can_be_redacted(seeded_db, name):
    made = add_return_texts()
    table, record_id, field = made[name]
    flag = FlaggedText.select().where(FlaggedText.record_table == name).first().run_sync()
    redact(flag["id"])
    row = table.select().where(table._meta.primary_key == record_id).first().run_sync()
    assert row[field] == REDACTED
    others = [other for other in made if other != name]
    assert all(
        PHONE in str(made_row)
        for made_row in [
            made[o][0].select().where(made[o][0]._meta.primary_key == made[o][1]).first().run_sync()
            for o in others
        ]
    )
    assert holding(PHONE, table, FlaggedText) == []
    assert json.dumps({field: REDACTED}) in [
        entry["after"] for entry in AuditEvent.select(AuditEvent.after).run_sync()
    ]


def test_a_challenge_and_a_free_standing_escalation_can_be_redacted(seeded_db):
    action = overarching("4.2")
    asyncio.run(
        raise_challenge(
            action["id"],
            ChallengeForm(ORIGINAL, "2020-10-30"),
            person=BU,
            today=TODAY,
            confirmed=True,
        )
    )
    issue = "Family at OX4 2AB not seen"
    asyncio.run(
        raise_escalation(
            EscalationForm("masa", issue, ORIGINAL),
            action_id=None,
            person=BU,
            today=TODAY,
            confirmed=True,
        )
    )
    # The free-standing issue names itself in the trail (a subject cannot be redacted
    # later) without the postcode; its copy in "after" can be.
    assert holding("OX4 2AB", AuditEvent) == ["audit_event.after"]
    for flag in FlaggedText.select().order_by(FlaggedText.id).run_sync():
        redact(flag["id"])
    for text in (PHONE, "OX4 2AB"):
        assert holding(text, Challenge, Escalation, AuditEvent, FlaggedText) == []


def test_redacting_or_clearing_twice_is_refused_and_changes_nothing(seeded_db):
    update("4.2", ORIGINAL)
    update("4.1", f"Helpline {PHONE} advertised.")
    first, second = FlaggedText.select().order_by(FlaggedText.id).run_sync()
    redact(first["id"])
    asyncio.run(clear_flag(second["id"], cleared_by="bu@example.org"))
    entries = AuditEvent.count().run_sync()
    for flag_id in (first["id"], second["id"]):
        with pytest.raises(FlagSettled):
            redact(flag_id)
        with pytest.raises(FlagSettled):
            asyncio.run(clear_flag(flag_id, cleared_by="bu@example.org"))
    assert AuditEvent.count().run_sync() == entries
    assert holding(PHONE, Update) == ["action_update.progress"]  # the cleared one stays
    with pytest.raises(FlagNotFound):
        redact(999_999)


def test_clearing_keeps_the_text_and_is_audited(seeded_db):
    update("4.2", ORIGINAL)
    flag = only_flag()
    asyncio.run(clear_flag(flag["id"], cleared_by="bu@example.org"))
    assert holding(ORIGINAL, Update) == ["action_update.progress"]
    [entry] = AuditEvent.select().where(AuditEvent.kind == "flag-cleared").run_sync()
    assert entry["action_id"] == flag["action_id"] and PHONE not in entry["after"]


def test_text_changed_since_it_was_flagged_has_what_still_matches_redacted(seeded_db):
    update("4.2", ORIGINAL)
    flag = only_flag()
    Update.update({Update.progress: "Write to carer@example.org instead"}).where(
        Update.id == flag["record_id"]
    ).run_sync()
    redaction = redact(flag["id"])
    assert redaction.changed_since
    assert "only what still looks like personal data" in redaction.message
    row = Update.select(Update.progress).where(Update.id == flag["record_id"]).first().run_sync()
    assert row["progress"] == "Write to [redacted e-mail address] instead"


def test_text_that_no_longer_matches_is_said_and_left(seeded_db):
    update("4.2", ORIGINAL)
    flag = only_flag()
    Update.update({Update.progress: "All on track"}).where(
        Update.id == flag["record_id"]
    ).run_sync()
    redaction = redact(flag["id"])
    assert redaction.replaced == () and "nothing was replaced" in redaction.message


def test_a_staged_upload_holding_the_text_is_removed(seeded_db):
    update("4.2", ORIGINAL)
    for value in (f"Amber - {ORIGINAL}", "Amber - all on track"):
        asyncio.run(
            stage(
                "r.xlsx",
                workbook_bytes(value),
                as_at=TODAY,
                agency=None,
                uploaded_by="bu@example.org",
            )
        )
    redact(only_flag()["id"])
    [kept] = StagedUpload.select(StagedUpload.content).run_sync()
    assert not holds_any(bytes(kept["content"]), [PHONE])


def refused(statement: str, *values) -> str | None:
    """The database's refusal of `statement` (values for its {} placeholders), or None if it ran."""
    try:
        AuditEvent.raw(statement, *values).run_sync()
    except Exception as error:  # noqa: BLE001 - either database's own error
        return str(error)
    return None


MARKED = json.dumps({"a": "[redacted x]"})


def test_the_audit_trail_still_refuses_every_other_change(seeded_db):
    update("4.2", ORIGINAL)
    [row] = AuditEvent.select(AuditEvent.id).where(AuditEvent.kind == "update").run_sync()
    where = f"WHERE id = {row['id']}"
    for change, values in (
        ("actor = {}", ["someone"]),
        ("summary = {}", ["changed"]),
        ('"before" = {}', ["{}"]),  # no marker
        ('"after" = {}, summary = {}', [MARKED, "changed"]),
        ('"after" = {}, subject = {}', [MARKED, "changed"]),
    ):
        refusal = refused(f"UPDATE audit_event SET {change} {where}", *values)
        assert "append-only" in (refusal or ""), change
    assert "append-only" in (refused(f"DELETE FROM audit_event {where}") or "")
    assert AuditEvent.exists().where(AuditEvent.id == row["id"]).run_sync()
    # What redaction does: before/after only, with the marker.
    assert refused(f'UPDATE audit_event SET "after" = {{}} {where}', MARKED) is None
