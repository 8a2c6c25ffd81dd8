"""The audit trail is append-only: the database itself refuses UPDATE and DELETE.

The application never edits the trail; these triggers make sure no bug,
command or hand-written query can either. A migration of its own because
Piccolo runs a migration's raw statements before the tables it creates.

One narrow exception: when the business unit redacts free text that
identified a person, the copies of that text in earlier entries' before/after
are rewritten too, or "the original is not kept" would be false. The database
allows an UPDATE only when it touches nothing but `before` and `after` and
leaves a "[redacted" marker in one of them; every other UPDATE, every DELETE
(and on PostgreSQL every TRUNCATE) is still refused.
"""

from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.engine import engine_finder
from piccolo.table import Table

ID = "2026-12-03T12:37:11:000000"
VERSION = "1.38.0"
DESCRIPTION = "Audit trail append-only, but for redaction"

MESSAGE = "The audit trail is append-only: entries cannot be changed or deleted."

SQLITE = (
    "CREATE TRIGGER audit_event_no_update BEFORE UPDATE ON audit_event "
    "WHEN NOT (NEW.id IS OLD.id AND NEW.occurred_at IS OLD.occurred_at "
    "AND NEW.actor IS OLD.actor AND NEW.kind IS OLD.kind AND NEW.subject IS OLD.subject "
    "AND NEW.action_id IS OLD.action_id AND NEW.summary IS OLD.summary "
    "AND NEW.client IS OLD.client "
    "AND (instr(NEW.before, '[redacted') > 0 OR instr(NEW.after, '[redacted') > 0)) "
    f"BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END",
    "CREATE TRIGGER audit_event_no_delete BEFORE DELETE ON audit_event "
    f"BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END",
)

POSTGRES = (
    "CREATE FUNCTION audit_event_append_only() RETURNS trigger LANGUAGE plpgsql AS "
    f"$$ BEGIN RAISE EXCEPTION '{MESSAGE}'; END $$",
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
    "CREATE TRIGGER audit_event_no_truncate BEFORE TRUNCATE ON audit_event "
    "FOR EACH STATEMENT EXECUTE FUNCTION audit_event_append_only()",
)


class RawStatements(Table, tablename="audit_event"):
    pass


async def forwards():
    manager = MigrationManager(migration_id=ID, app_name="tracker", description=DESCRIPTION)

    async def create_triggers() -> None:
        engine = engine_finder()
        RawStatements._meta.db = engine
        statements = POSTGRES if engine.engine_type == "postgres" else SQLITE
        for statement in statements:
            await RawStatements.raw(statement)

    manager.add_raw(create_triggers)
    return manager
