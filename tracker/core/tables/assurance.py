"""Challenges, escalations and assurance: what chairs and the business unit say of actions."""

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

from tracker.core.tables.plans import Action, Strategy


class EscalatedTo(StrEnum):
    BUSINESS_GROUP = "business-group"
    MASA = "masa"


class Challenge(Table):
    """A chair's question to an action's lead, open until the chair closes it."""

    id: Serial
    action = ForeignKey(references=Action, null=False, on_delete=OnDelete.restrict, index=True)
    question = Text()
    reply_wanted_by = Date()
    raised_by = Varchar(length=254)  # email
    raised_at = Timestamptz()
    reply = Text(null=True, default=None)
    replied_by = Varchar(length=254, null=True, default=None)
    replied_at = Timestamptz(null=True, default=None)
    closed_by = Varchar(length=254, null=True, default=None)
    closed_at = Timestamptz(null=True, default=None, index=True)
    closing_note = Text(null=True, default=None)
    # The quarter under review it was raised for, as a slug ("2020-21-Q2"); None for those
    # raised before quarters were recorded: they belong to the quarter they were raised in.
    quarter = Varchar(length=10, null=True, default=None)


class Escalation(Table):
    """An action or a free-standing issue escalated to the Business Group or MASA."""

    id: Serial
    action = ForeignKey(references=Action, null=True, on_delete=OnDelete.restrict, index=True)
    issue = Text(default="")  # the issue in a line; for an action, may be left empty
    escalated_to = Varchar(length=20, choices=EscalatedTo)
    rationale = Text()
    raised_by = Varchar(length=254)
    raised_at = Timestamptz()
    resolution = Text(null=True, default=None)
    resolved_by = Varchar(length=254, null=True, default=None)
    resolved_at = Timestamptz(null=True, default=None, index=True)
    quarter = Varchar(length=10, null=True, default=None)  # as Challenge.quarter
    strategy = ForeignKey(references=Strategy, null=True, on_delete=OnDelete.restrict, index=True)


class AssuranceRating(Table, tablename="assurance_rating"):
    """A chair's or the business unit's own RAG for an action in a quarter, with a reason.

    Set where they disagree with the agency's self-rating. (action, quarter) is unique.
    """

    id: Serial
    action = ForeignKey(references=Action, null=False, on_delete=OnDelete.cascade, index=True)
    quarter = Varchar(length=10, index=True)
    rag = Varchar(length=10)
    reason = Text()
    set_by = Varchar(length=254)
    set_at = Timestamptz()


class OutcomeEvidence(Table, tablename="outcome_evidence"):
    """For a completed action: is its desired outcome evidenced? yes, partly or not yet."""

    id: Serial
    action = ForeignKey(references=Action, null=False, on_delete=OnDelete.cascade, unique=True)
    evidenced = Varchar(length=10)  # tracker.domain.outcomes.Evidenced
    note = Text(null=True, default=None)
    set_by = Varchar(length=254)
    set_at = Timestamptz()
