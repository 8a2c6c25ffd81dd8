"""Quarterly returns, their deadlines and steps, and the e-mails that ask for them."""

from __future__ import annotations

from piccolo.columns import (
    Boolean,
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

from tracker.core.tables.imports import ImportRecord
from tracker.core.tables.plans import Plan, Strategy


class QuarterDeadline(Table, tablename="quarter_deadline"):
    """The day a quarter's returns are due, when the business unit set one.

    Without a row the deadline is 14 days after the quarter's last day
    (tracker.returns.rules.default_deadline).
    """

    id: Serial
    quarter = Varchar(length=10)  # "2020-21-Q2"; unique per strategy
    deadline = Date()
    set_by = Varchar(length=254)
    set_at = Timestamptz()
    strategy = ForeignKey(references=Strategy, null=True, on_delete=OnDelete.restrict, index=True)


class PlanReturn(Table, tablename="plan_return"):
    """One plan's return for one quarter. States: tracker.returns.rules.ReturnState.

    No row means the return is not started. (plan, quarter) is unique.
    """

    id: Serial
    plan = ForeignKey(references=Plan, null=False, on_delete=OnDelete.restrict, index=True)
    quarter = Varchar(length=10, index=True)  # "2020-21-Q2"
    state = Varchar(length=20)
    started_at = Timestamptz()
    # The latest import that filled this return, if any.
    import_record = ForeignKey(references=ImportRecord, null=True, on_delete=OnDelete.set_null)
    submitted_at = Timestamptz(null=True, default=None)
    submitted_by = Varchar(length=254, null=True, default=None)
    on_behalf = Boolean(default=False)  # submitted by the business unit for the agency
    comments = Text(null=True, default=None)  # the chair's comments when last returned
    cover_note = Text(null=True, default=None)  # the lead's note to the chairs when submitted
    decided_at = Timestamptz(null=True, default=None)  # last returned or accepted
    decided_by = Varchar(length=254, null=True, default=None)
    accepted_at = Timestamptz(null=True, default=None)
    accepted_by = Varchar(length=254, null=True, default=None)
    version = Integer(default=1)


class ReturnStep(Table, tablename="return_step"):
    """One step in a return's life: started, submitted, returned, resubmitted, accepted."""

    id: Serial
    plan_return = ForeignKey(
        references=PlanReturn, null=False, on_delete=OnDelete.cascade, index=True
    )
    state = Varchar(length=20)  # the state the step moved the return to
    actor = Varchar(length=254)
    occurred_at = Timestamptz()
    comment = Text(null=True, default=None)
    on_behalf = Boolean(default=False)


class ProformaMail(Table, tablename="proforma_mail"):
    """One plan's proforma for one quarter e-mailed to one of its leads: never sent twice.

    `key` ("<plan id>:<quarter>:<recipient>") is unique, so of two presses at once only
    one claims it; a failed one is claimed again (failed to sending) by the next press.
    See tracker.proformas.mailing.
    """

    id: Serial
    key = Varchar(length=300, unique=True)
    plan = Integer(index=True)
    quarter = Varchar(length=10, index=True)
    recipient = Varchar(length=254)
    recipient_name = Varchar(length=200, default="")
    status = Varchar(length=20)  # sending, sent, failed
    error = Text(null=True, default=None)  # why the last attempt failed
    sent_by = Varchar(length=254)
    tried_at = Timestamptz()
    sent_at = Timestamptz(null=True, default=None)


class ReminderDigest(Table, tablename="reminder_digest"):
    """One e-mail to one person on one day: at most one per (recipient, day)."""

    id: Serial
    recipient = Varchar(length=254)
    day = Date()
    status = Varchar(length=20)  # sending, sent
    subject = Varchar(length=300)
    body = Text()
    created_at = Timestamptz()
    sent_at = Timestamptz(null=True, default=None)


class ReminderItem(Table, tablename="reminder_item"):
    """One reminder in a digest; its key is never sent to the same person twice."""

    id: Serial
    digest = ForeignKey(
        references=ReminderDigest, null=False, on_delete=OnDelete.cascade, index=True
    )
    recipient = Varchar(length=254)
    key = Varchar(length=200)
    text = Text()
