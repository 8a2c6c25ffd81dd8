"""The committed migrations build exactly the tables the code declares, and what
Piccolo cannot declare: indexes over several columns and the audit trail's triggers."""

import asyncio
import contextlib
import io
from datetime import UTC, date, datetime, timedelta

import pytest
from piccolo.apps.migrations.commands.forwards import ForwardsMigrationManager
from piccolo.apps.migrations.commands.new import AutoMigrationManager

from tracker.core.engine import prepare_sqlite_file, use_database
from tracker.core.migrate import upgrade
from tracker.core.migrations.tracker_0003_audit_trail_append_only import (
    ID as BEFORE_TOKEN_SCOPES,
)
from tracker.core.piccolo_app import APP_CONFIG
from tracker.core.tables import Account, ApiToken, AuditEvent

INDEXES_OVER_SEVERAL_COLUMNS = {
    "plan_strategy_name",
    "objective_plan_ref",
    "action_plan_ref",
    "action_objective",
    "action_core_component_pair",
    "action_update_action_as_at",
    "plan_return_plan_quarter",
    "assurance_rating_action_quarter",
    "reminder_digest_recipient_day",
    "reminder_item_recipient_key",
    "flagged_text_record",
    "published_report_version",
    "published_file_format",
    "report_front_sheet_quarter_audience",
    "report_message_strategy_quarter",
    "quarter_deadline_strategy_quarter",
    "learning_item_source_number",
    "learning_link_pair",
    "action_delivery_pair",
}
AUDIT_TRIGGERS = {
    "sqlite": {"audit_event_no_update", "audit_event_no_delete"},
    "postgres": {"audit_event_no_update", "audit_event_no_delete", "audit_event_no_truncate"},
}


def test_no_table_change_lacks_a_migration():
    statements = asyncio.run(
        AutoMigrationManager(auto_input="n").get_alter_statements(app_config=APP_CONFIG)
    )
    assert [line for group in statements for line in group.statements] == []


def test_the_hand_written_migrations_make_the_indexes_and_the_audit_triggers(backend, empty_db):
    if backend.name == "sqlite":
        indexes = AuditEvent.raw("SELECT name FROM sqlite_master WHERE type = 'index'")
        triggers = AuditEvent.raw(
            "SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'audit_event'"
        )
    else:
        indexes = AuditEvent.raw("SELECT indexname AS name FROM pg_indexes")
        triggers = AuditEvent.raw(
            "SELECT tgname AS name FROM pg_trigger "
            "WHERE tgrelid = 'audit_event'::regclass AND NOT tgisinternal"
        )
    assert INDEXES_OVER_SEVERAL_COLUMNS <= {row["name"] for row in indexes.run_sync()}
    assert {row["name"] for row in triggers.run_sync()} == AUDIT_TRIGGERS[backend.name]


def test_tokens_made_before_scopes_become_read_write_and_expire_a_year_after_made(backend):
    """Migration 0004: what old tokens can do is unchanged; a disabled account's stay dead."""
    url = backend.new_database()
    prepare_sqlite_file(url)
    use_database(url)
    asyncio.run(migrate_up_to(BEFORE_TOKEN_SCOPES))
    made = datetime(2026, 3, 1, 9, 30, tzinfo=UTC)
    for email, active in (("kept@example.org", True), ("gone@example.org", False)):
        Account.raw(
            "INSERT INTO account (email, name, role, password_hash, active, created_at) "
            "VALUES ({}, '', 'viewer', 'x', {}, {})",
            email,
            active,
            made,
        ).run_sync()
    accounts = {row["email"]: row["id"] for row in Account.select().run_sync()}
    for email, token_hash in (("kept@example.org", "a" * 64), ("gone@example.org", "b" * 64)):
        ApiToken.raw(
            "INSERT INTO api_token (account, name, token_hash, created_at) "
            "VALUES ({}, 'old', {}, {})",
            accounts[email],
            token_hash,
            made,
        ).run_sync()
    try:
        asyncio.run(upgrade())
        rows = {
            row["token_hash"][0]: row
            for row in ApiToken.select(
                ApiToken.token_hash, ApiToken.scope, ApiToken.expires_at, ApiToken.revoked_at
            ).run_sync()
        }
        assert {row["scope"] for row in rows.values()} == {"read-write"}
        assert {row["expires_at"] for row in rows.values()} == {made + timedelta(days=365)}
        assert rows["a"]["revoked_at"] is None
        assert rows["b"]["revoked_at"] is not None
    finally:
        backend.drop_database(url)


async def migrate_up_to(migration_id: str) -> None:
    with contextlib.redirect_stdout(io.StringIO()):
        result = await ForwardsMigrationManager(app_name="tracker", migration_id=migration_id).run()
    assert result.success, result.message


def test_the_migration_ids_read_from_the_files_are_piccolos():
    """`tracker` reads the committed migrations' IDs without loading Piccolo's migration
    manager (it imports black): the same IDs the manager finds, which it applies."""
    from piccolo.apps.migrations.commands.base import BaseMigrationManager

    from tracker.core.migrate import APP_NAME, known_migration_ids

    manager = BaseMigrationManager()
    config = manager.get_app_config(app_name=APP_NAME)
    modules = manager.get_migration_modules(config.resolved_migrations_folder_path)
    assert known_migration_ids() == sorted(manager.get_migration_ids(modules))
    assert len(known_migration_ids()) >= 10


def test_what_a_quarter_keeps_goes_to_the_strategy_holding_the_quarter(backend):
    """Migration 0021: existing key messages, deadlines, front sheets, published reports and
    free-standing escalations go to the strategy whose period holds their quarter (else the
    first); then a second strategy can keep its own for the same quarter."""
    from tracker.core.migrations.tracker_0019_carried_once import ID as BEFORE_PER_STRATEGY
    from tracker.core.tables import QuarterDeadline, ReportMessage, Strategy

    url = backend.new_database()
    prepare_sqlite_file(url)
    use_database(url)
    asyncio.run(migrate_up_to(BEFORE_PER_STRATEGY))
    made = datetime(2026, 3, 1, 9, 30, tzinfo=UTC)
    run = Strategy.raw
    for name, starts, ends in (
        ("Old", "2020-04-01", "2023-03-31"),
        ("New", "2023-04-01", "2026-03-31"),
    ):
        run(
            "INSERT INTO strategy (name, partnership, period, starts, ends) "
            "VALUES ({}, 'P', '', {}, {})",
            name,
            date.fromisoformat(starts),
            date.fromisoformat(ends),
        ).run_sync()
    for quarter in ("2021-22-Q1", "2024-25-Q4", "2030-31-Q1"):
        run(
            "INSERT INTO report_message (quarter, text, written_by, written_at) "
            "VALUES ({}, 'words', 'bu', {})",
            quarter,
            made,
        ).run_sync()
        run(
            "INSERT INTO quarter_deadline (quarter, deadline, set_by, set_at) "
            "VALUES ({}, {}, 'bu', {})",
            quarter,
            date(2031, 1, 1),
            made,
        ).run_sync()
        run(
            "INSERT INTO published_report (quarter, audience, version, reason, published_by, "
            "published_at) VALUES ({}, 'masa', 1, '', 'bu', {})",
            quarter,
            made,
        ).run_sync()
        run(
            "INSERT INTO escalation (issue, escalated_to, rationale, raised_by, raised_at, "
            "quarter) VALUES ('issue', 'masa', 'why', 'bu', {}, {})",
            made,
            quarter,
        ).run_sync()
    try:
        asyncio.run(upgrade())
        ids = {row["name"]: row["id"] for row in Strategy.select().run_sync()}
        expected = {"2021-22-Q1": ids["Old"], "2024-25-Q4": ids["New"], "2030-31-Q1": ids["Old"]}
        for table in ("report_message", "quarter_deadline", "published_report", "escalation"):
            rows = run(f"SELECT quarter, strategy FROM {table}").run_sync()  # noqa: S608
            assert {row["quarter"]: row["strategy"] for row in rows} == expected, table
        # The other strategy keeps its own for the same quarter; the same one cannot twice.
        ReportMessage.insert(
            ReportMessage(
                quarter="2024-25-Q4",
                text="old",
                written_by="bu",
                written_at=made,
                strategy=ids["Old"],
            )
        ).run_sync()
        QuarterDeadline.insert(
            QuarterDeadline(
                quarter="2024-25-Q4",
                deadline=date(2025, 4, 20),
                set_by="bu",
                set_at=made,
                strategy=ids["Old"],
            )
        ).run_sync()
        with pytest.raises(Exception, match="(?i)unique"):
            ReportMessage.insert(
                ReportMessage(
                    quarter="2024-25-Q4",
                    text="again",
                    written_by="bu",
                    written_at=made,
                    strategy=ids["Old"],
                )
            ).run_sync()
    finally:
        backend.drop_database(url)


def test_actions_made_before_added_on_enter_on_their_imports_day_or_the_uk_day_made(backend):
    """Migration 0023 fills action.added_on as the reports worked it out: the as-at day of the
    import that created the action, else the UK day it was stored (BST moves 23:30 UTC on)."""
    from datetime import date

    from tracker.core.migrations.tracker_0022_added_on import ID as ADDED_ON
    from tracker.core.tables import Action, ImportRecord, Objective, Plan, Strategy

    url = backend.new_database()
    prepare_sqlite_file(url)
    use_database(url)
    asyncio.run(migrate_up_to(ADDED_ON))
    try:
        strategy = Strategy.insert(Strategy(name="S", partnership="P", period="2020-23"))
        strategy_id = strategy.returning(Strategy.id).run_sync()[0]["id"]
        plan_id = (
            Plan.insert(Plan(strategy=strategy_id, name="TVP", kind="agency"))
            .returning(Plan.id)
            .run_sync()[0]["id"]
        )
        objective_id = (
            Objective.insert(Objective(plan=plan_id, ref="1", text="O"))
            .returning(Objective.id)
            .run_sync()[0]["id"]
        )
        made = {"imported": datetime(2026, 3, 1, 9, tzinfo=UTC)}
        made["late in summer"] = datetime(2026, 7, 1, 23, 30, tzinfo=UTC)
        ids = {
            name: Action.insert(
                Action(plan=plan_id, objective=objective_id, ref=ref, text=name, created_at=when)
            )
            .returning(Action.id)
            .run_sync()[0]["id"]
            for ref, (name, when) in zip(("1.1", "1.2"), made.items(), strict=True)
        }
        ImportRecord.insert(
            ImportRecord(
                file_name="q1.xlsx",
                sha256="0" * 64,
                as_at=date(2020, 6, 30),
                imported_at=made["imported"],
                imported_by="bu@example.org",
                undo={"created_actions": [ids["imported"]]},
            )
        ).run_sync()
        assert {row["added_on"] for row in Action.select(Action.added_on).run_sync()} == {None}
        asyncio.run(upgrade())
        added = {row["id"]: row["added_on"] for row in Action.select().run_sync()}
        assert added[ids["imported"]] == date(2020, 6, 30)
        assert added[ids["late in summer"]] == date(2026, 7, 2)
    finally:
        backend.drop_database(url)
