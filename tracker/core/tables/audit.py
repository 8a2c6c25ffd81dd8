"""The audit trail, and free text flagged as looking like personal data."""

from __future__ import annotations

from piccolo.columns import (
    JSON,
    Integer,
    Serial,
    Text,
    Timestamptz,
    Varchar,
)
from piccolo.table import Table


class AuditEvent(Table, tablename="audit_event"):
    """One change, appended and never edited: database triggers refuse UPDATE and DELETE."""

    id: Serial
    occurred_at = Timestamptz(index=True)
    actor = Varchar(length=254)  # an email, or "system" for commands run without one
    kind = Varchar(length=40, index=True)
    subject = Varchar(length=300, default="")
    # A plain number, not a foreign key: undoing an import may delete the
    # action, and the trail must outlive it unchanged.
    action_id = Integer(null=True, default=None, index=True)
    summary = Text(default="")
    before = JSON(default="{}")
    after = JSON(default="{}")
    client = Varchar(length=100, default="")


class FlaggedText(Table, tablename="flagged_text"):
    """Free text saved after its author confirmed it despite looking like personal data.

    Points at the text by table, row and column; the business unit redacts it
    (the original is then kept nowhere) or clears the flag.
    """

    id: Serial
    record_table = Varchar(length=40)
    record_id = Integer()
    field = Varchar(length=40)
    kinds = Varchar(length=200)  # comma-separated tracker.core.personal_data.finders.IdentifierKind
    action_id = Integer(null=True, default=None)
    subject = Varchar(length=300, default="")
    flagged_at = Timestamptz(index=True)
    confirmed_by = Varchar(length=254)
    redacted_at = Timestamptz(null=True, default=None)
    redacted_by = Varchar(length=254, null=True, default=None)
    cleared_at = Timestamptz(null=True, default=None)
    cleared_by = Varchar(length=254, null=True, default=None)
