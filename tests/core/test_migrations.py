"""The committed migrations build exactly the tables the code declares, and what
Piccolo cannot declare: indexes over several columns and the audit trail's triggers."""

import asyncio

from piccolo.apps.migrations.commands.new import AutoMigrationManager

from tracker.core.piccolo_app import APP_CONFIG
from tracker.core.tables import AuditEvent

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
