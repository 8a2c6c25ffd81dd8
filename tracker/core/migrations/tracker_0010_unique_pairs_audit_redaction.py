"""Unique pairs for returns, assurance ratings and reminders; audit entries can be redacted.

Piccolo cannot declare a unique pair of columns, so these are unique indexes.

The audit trail stays append-only with one narrow exception: when the business
unit redacts free text that identified a person, the copies of that text in
earlier entries' before/after are rewritten too, or "the original is not kept"
would be false. The database allows an UPDATE only when it touches nothing
but `before` and `after` and leaves a "[redacted" marker in one of them;
every other UPDATE, and every DELETE, is still refused.
"""

from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.engine import engine_finder
from piccolo.table import Table

ID = "2026-11-22T16:07:00:000000"
VERSION = "1.38.0"
DESCRIPTION = "Unique pairs; audit entries can be redacted"

MESSAGE = "The audit trail is append-only: entries cannot be changed or deleted."

UNIQUE_PAIRS = (
    "CREATE UNIQUE INDEX plan_return_plan_quarter ON plan_return (plan, quarter)",
    "CREATE UNIQUE INDEX assurance_rating_action_quarter ON assurance_rating (action, quarter)",
    "CREATE UNIQUE INDEX reminder_digest_recipient_day ON reminder_digest (recipient, day)",
    "CREATE UNIQUE INDEX reminder_item_recipient_key ON reminder_item (recipient, key)",
    "CREATE INDEX flagged_text_record ON flagged_text (record_table, record_id)",
    "CREATE UNIQUE INDEX published_report_version ON published_report (quarter, audience, version)",
    "CREATE UNIQUE INDEX published_file_format ON published_file (published_report, format)",
)

SQLITE = (
    "DROP TRIGGER audit_event_no_update",
    "CREATE TRIGGER audit_event_no_update BEFORE UPDATE ON audit_event "
    "WHEN NOT (NEW.id IS OLD.id AND NEW.occurred_at IS OLD.occurred_at "
    "AND NEW.actor IS OLD.actor AND NEW.kind IS OLD.kind AND NEW.subject IS OLD.subject "
    "AND NEW.action_id IS OLD.action_id AND NEW.summary IS OLD.summary "
    "AND NEW.client IS OLD.client "
    "AND (instr(NEW.before, '[redacted') > 0 OR instr(NEW.after, '[redacted') > 0)) "
    f"BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END",
)

POSTGRES = (
    "DROP TRIGGER audit_event_no_change ON audit_event",
    "CREATE FUNCTION audit_event_redaction_only() RETURNS trigger LANGUAGE plpgsql AS $$ "
    "BEGIN "
    "IF NEW.id IS NOT DISTINCT FROM OLD.id AND NEW.occurred_at IS NOT DISTINCT FROM OLD.occurred_at "
    "AND NEW.actor IS NOT DISTINCT FROM OLD.actor AND NEW.kind IS NOT DISTINCT FROM OLD.kind "
    "AND NEW.subject IS NOT DISTINCT FROM OLD.subject "
    "AND NEW.action_id IS NOT DISTINCT FROM OLD.action_id "
    "AND NEW.summary IS NOT DISTINCT FROM OLD.summary "
    "AND NEW.client IS NOT DISTINCT FROM OLD.client "
    "AND (strpos(NEW.before::text, '[redacted') > 0 OR strpos(NEW.after::text, '[redacted') > 0) "
    "THEN RETURN NEW; END IF; "
    f"RAISE EXCEPTION '{MESSAGE}'; END $$",
    "CREATE TRIGGER audit_event_no_update BEFORE UPDATE ON audit_event "
    "FOR EACH ROW EXECUTE FUNCTION audit_event_redaction_only()",
    "CREATE TRIGGER audit_event_no_delete BEFORE DELETE ON audit_event "
    "FOR EACH ROW EXECUTE FUNCTION audit_event_append_only()",
)


class RawStatements(Table, tablename="audit_event"):
    pass


async def forwards():
    manager = MigrationManager(migration_id=ID, app_name="tracker", description=DESCRIPTION)

    async def create() -> None:
        engine = engine_finder()
        RawStatements._meta.db = engine
        statements = UNIQUE_PAIRS + (POSTGRES if engine.engine_type == "postgres" else SQLITE)
        for statement in statements:
            await RawStatements.raw(statement)

    manager.add_raw(create)
    return manager
