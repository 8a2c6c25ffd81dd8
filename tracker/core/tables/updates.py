"""An action's updates: its RAG status and progress, each dated by the day it describes.

The status of any plan on any past day is the latest update on or before that day
(see tracker.core.tables).
"""

from __future__ import annotations

from enum import StrEnum

from piccolo.columns import (
    Date,
    ForeignKey,
    OnDelete,
    Serial,
    Text,
    Timestamptz,
    Varchar,
)
from piccolo.table import Table

from tracker.core.tables.imports import ImportRecord
from tracker.core.tables.plans import Action


class UpdateSource(StrEnum):
    IMPORT = "import"
    WEB = "web"
    API = "api"


class Update(Table, tablename="action_update"):
    id: Serial
    action = ForeignKey(references=Action, null=False, on_delete=OnDelete.restrict)
    rag = Varchar(length=10, null=True, default=None)
    progress = Text(null=True, default=None)
    as_at = Date()
    recorded_at = Timestamptz()
    recorded_by = Varchar(length=200)
    source = Varchar(length=20, choices=UpdateSource)
    import_record = ForeignKey(references=ImportRecord, null=True, on_delete=OnDelete.restrict)
    # Completing an action needs evidence of what changed for children.
    impact = Text(null=True, default=None)
    evidence_link = Varchar(length=500, null=True, default=None)
