"""Quarterly reports and what goes into them, and the notices e-mailed of changes."""

from __future__ import annotations

from piccolo.columns import (
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

from tracker.core.tables.accounts import Account
from tracker.core.tables.plans import Strategy


class ReportMessage(Table, tablename="report_message"):
    """The key messages the business unit writes for a quarter's reports."""

    id: Serial
    quarter = Varchar(length=10)  # unique per strategy
    text = Text()
    written_by = Varchar(length=254)
    written_at = Timestamptz()
    strategy = ForeignKey(references=Strategy, null=True, on_delete=OnDelete.restrict, index=True)


class ReportFrontSheet(Table, tablename="report_front_sheet"):
    """The front sheet the business unit writes for a quarter's paper to one audience:
    the meeting it goes to, its protective marking, purpose, summary and recommendations.
    One per quarter and audience (a unique index, tracker_0009_front_sheets)."""

    id: Serial
    quarter = Varchar(length=10)
    audience = Varchar(length=20)  # business-group, masa
    meeting = Varchar(length=200)
    meeting_date = Date(null=True, default=None)
    marking = Varchar(length=20, default="OFFICIAL")  # OFFICIAL, OFFICIAL-SENSITIVE
    purpose = Text()
    summary = Text()
    recommendations = Text()
    written_by = Varchar(length=254)
    written_at = Timestamptz()
    strategy = ForeignKey(references=Strategy, null=True, on_delete=OnDelete.restrict, index=True)


class PublishedReport(Table, tablename="published_report"):
    """One published version of a quarter's report for an audience; never changed after."""

    id: Serial
    quarter = Varchar(length=10, index=True)
    audience = Varchar(length=20)  # business-group, masa
    version = Integer()
    reason = Text(default="")  # why it was published again; empty for the first version
    published_by = Varchar(length=254)
    published_at = Timestamptz()
    strategy = ForeignKey(references=Strategy, null=True, on_delete=OnDelete.restrict, index=True)


class PublishedFile(Table, tablename="published_file"):
    """A published report's file in one format, kept byte for byte."""

    id: Serial
    published_report = ForeignKey(
        references=PublishedReport, null=False, on_delete=OnDelete.restrict, index=True
    )
    format = Varchar(length=10)  # xlsx, docx, html, pdf, json
    file_name = Varchar(length=255)
    content = Bytea()
    sha256 = Varchar(length=64)


class Notice(Table, tablename="notice"):
    """One e-mail telling one person of one change (an audit event): never sent twice.

    `key` ("<event id>:<recipient>") is unique, so of two dispatchers claiming the
    same notice at once only one can; see tracker.notifications.
    """

    id: Serial
    key = Varchar(length=300, unique=True)
    event = Integer(index=True)  # the audit event it tells of
    kind = Varchar(length=40)  # tracker.notifications.rules.NoticeKind
    recipient = Varchar(length=254)
    subject = Varchar(length=300)
    body = Text()
    status = Varchar(length=20, index=True)  # sending, sent, failed, not-sent
    attempts = Integer(default=0)
    error = Text(null=True, default=None)  # why the last attempt failed
    created_at = Timestamptz(index=True)
    tried_at = Timestamptz(null=True, default=None)
    sent_at = Timestamptz(null=True, default=None)


class NoticeChoice(Table, tablename="notice_choice"):
    """The kinds of notice a person has turned off (none: they get every kind)."""

    id: Serial
    account = ForeignKey(references=Account, null=False, on_delete=OnDelete.cascade, unique=True)
    turned_off = Text(default="")  # comma-separated NoticeKind values
