"""Imports of workbooks, and the uploads, previews and upload links that bring them in."""

from __future__ import annotations

from piccolo.columns import (
    JSON,
    Boolean,
    Bytea,
    Date,
    ForeignKey,
    Integer,
    OnDelete,
    Serial,
    Text,
    Timestamptz,
    Varchar,
)
from piccolo.table import Table

from tracker.core.tables.plans import Plan


class ImportRecord(Table, tablename="import_record"):
    """One applied import of a workbook, and what undoing it would take back."""

    id: Serial
    file_name = Varchar(length=255)
    sha256 = Varchar(length=64)
    as_at = Date()
    imported_at = Timestamptz()
    imported_by = Varchar(length=200)
    plans = Text(default="")
    created = Integer(default=0)
    updated = Integer(default=0)
    unchanged = Integer(default=0)
    # What the import created and what it overwrote, for undo (see tracker.imports.undo).
    undo = JSON(default="{}")
    undone_at = Timestamptz(null=True, default=None)
    undone_by = Varchar(length=200, null=True, default=None)


class StagedUpload(Table, tablename="staged_upload"):
    """An uploaded workbook between its preview and its confirmation.

    Kept in the database, under a random token, so the uploader's file name is
    never a path and any worker can confirm it.
    """

    id: Serial
    token = Varchar(length=64, unique=True)
    file_name = Varchar(length=255)
    content = Bytea()
    as_at = Date()
    agency = Varchar(length=200, null=True, default=None)
    uploaded_by = Varchar(length=254)
    uploaded_at = Timestamptz()
    # Set for a file that arrived by an upload link: kept for the business unit until then,
    # not for a day as the uploader's own preview is (tracker.imports.staging).
    kept_until = Timestamptz(null=True, default=None)


class PreviewProgress(Table, tablename="preview_progress"):
    """How far the background read of a staged upload has got, for any worker to show.

    The worker reading the file writes here every quarter of a second; the page asking
    how far it has got may be served by another worker (tracker.imports.preview_jobs).
    """

    id: Serial
    token = Varchar(length=64, unique=True)
    rows_read = Integer(default=0)
    rows_total = Integer(default=0)
    done = Boolean(default=False)
    started_at = Timestamptz()


class UploadLink(Table, tablename="upload_link"):
    """A link through which someone without an account sends one plan's return for one quarter.

    Only the hash of its token is kept: the link is shown once, when it is made. It
    works through `expires_on` (a UK day) unless revoked. See tracker.upload_links.
    """

    id: Serial
    token_hash = Varchar(length=64, unique=True)
    plan = ForeignKey(references=Plan, null=False, on_delete=OnDelete.cascade, index=True)
    quarter = Varchar(length=10)  # "2026-27-Q2"
    expires_on = Date()
    made_by = Varchar(length=254)
    made_at = Timestamptz()
    revoked_at = Timestamptz(null=True, default=None)
    revoked_by = Varchar(length=254, null=True, default=None)
    uploads = Integer(default=0)  # files received through it, ever


class LinkUpload(Table, tablename="link_upload"):
    """A file received through an upload link: its receipt, and what rate-limits the link.

    The file itself waits in staged_upload under `staged_token` until the business unit
    imports it (which takes it off the shelf) or it is no longer kept.
    """

    id: Serial
    link = ForeignKey(references=UploadLink, null=False, on_delete=OnDelete.cascade, index=True)
    reference = Varchar(length=20, unique=True)
    staged_token = Varchar(length=64, index=True)
    file_name = Varchar(length=255)
    size = Integer()
    received_at = Timestamptz(index=True)
