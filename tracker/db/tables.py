"""The tracker's tables.

An action's RAG status and progress are never stored on the action: they are
its updates, each dated by the day it describes (`as_at`). The status of any
plan on any past day is therefore the latest update on or before that day,
which is what the quarterly reports rely on.
"""

from __future__ import annotations

from enum import StrEnum

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


class PlanKind(StrEnum):
    OVERARCHING = "overarching"
    AGENCY = "agency"
    ADDITIONAL = "additional"


class UpdateSource(StrEnum):
    IMPORT = "import"
    WEB = "web"
    API = "api"


class Strategy(Table):
    id: Serial
    name = Varchar(length=200, unique=True)
    partnership = Varchar(length=200)
    period = Varchar(length=20)
    starts = Date(null=True, default=None)
    ends = Date(null=True, default=None)


class Agency(Table):
    id: Serial
    name = Varchar(length=200, unique=True)
    note = Text(null=True, default=None)
    position = Integer(default=0)


class AgencyShortName(Table):
    id: Serial
    agency = ForeignKey(references=Agency, null=False, on_delete=OnDelete.cascade)
    short_name = Varchar(length=100, unique=True)


class Plan(Table):
    id: Serial
    strategy = ForeignKey(references=Strategy, null=False, on_delete=OnDelete.restrict)
    name = Varchar(length=300)
    kind = Varchar(length=20, choices=PlanKind)
    agency = ForeignKey(references=Agency, null=True, on_delete=OnDelete.restrict)


class Objective(Table):
    id: Serial
    plan = ForeignKey(references=Plan, null=False, on_delete=OnDelete.restrict)
    # `ref` shadows Table.ref, a join helper this code never uses; it is the users' word.
    ref = Varchar(length=20)  # type: ignore[assignment]
    text = Text()
    position = Integer(default=0)


class Action(Table):
    id: Serial
    plan = ForeignKey(references=Plan, null=False, on_delete=OnDelete.restrict)
    objective = ForeignKey(references=Objective, null=False, on_delete=OnDelete.restrict)
    ref = Varchar(length=20)  # type: ignore[assignment]
    position = Integer(default=0)
    text = Text()
    input = Text(null=True, default=None)
    desired_outcome = Text(null=True, default=None)
    lead = Text(null=True, default=None)
    timeframe = Text(null=True, default=None)
    due = Date(null=True, default=None)
    recurring = Varchar(length=20, null=True, default=None)
    version = Integer(default=1)
    created_at = Timestamptz()


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
    # What the import created and what it overwrote, for undo (see tracker.importing.undo).
    undo = JSON(default="{}")
    undone_at = Timestamptz(null=True, default=None)
    undone_by = Varchar(length=200, null=True, default=None)


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


class CoreComponent(Table):
    id: Serial
    number = Integer(unique=True)
    text = Text()
    theme = Text(null=True, default=None)


class ActionCoreComponent(Table):
    id: Serial
    action = ForeignKey(references=Action, null=False, on_delete=OnDelete.cascade)
    core_component = ForeignKey(references=CoreComponent, null=False, on_delete=OnDelete.restrict)
    # True while the tag is only the importer's guess from the objective's wording;
    # a person setting the tags confirms them (False).
    suggested = Boolean(default=False)


class GlossaryTerm(Table):
    id: Serial
    term = Varchar(length=50, unique=True)
    meaning = Text()


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


class Account(Table):
    """A person who signs in. Roles: see tracker.domain.roles."""

    id: Serial
    email = Varchar(length=254, unique=True)  # stored lower-case
    name = Varchar(length=200, default="")
    role = Varchar(length=20)
    password_hash = Varchar(length=200, secret=True)
    active = Boolean(default=True)
    created_at = Timestamptz()
    last_signed_in_at = Timestamptz(null=True, default=None)


class AccountAgency(Table, tablename="account_agency"):
    """An agency whose plans a lead may update."""

    id: Serial
    account = ForeignKey(references=Account, null=False, on_delete=OnDelete.cascade)
    agency = ForeignKey(references=Agency, null=False, on_delete=OnDelete.cascade)


class AccountLeadName(Table, tablename="account_lead_name"):
    """A lead title ("ESAT Manager") whose actions, in any plan, this person may update."""

    id: Serial
    account = ForeignKey(references=Account, null=False, on_delete=OnDelete.cascade)
    lead_name = Varchar(length=200)


class ApiToken(Table, tablename="api_token"):
    """A personal token for the JSON API: the caller holds it, the database its hash."""

    id: Serial
    account = ForeignKey(references=Account, null=False, on_delete=OnDelete.cascade)
    name = Varchar(length=100)
    token_hash = Varchar(length=64, unique=True)
    created_at = Timestamptz()
    last_used_at = Timestamptz(null=True, default=None)
    revoked_at = Timestamptz(null=True, default=None)


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


class SignInSession(Table, tablename="sign_in_session"):
    """A signed-in browser: the cookie holds `token`'s random value, never an account id."""

    id: Serial
    token_hash = Varchar(length=64, unique=True)
    account = ForeignKey(references=Account, null=False, on_delete=OnDelete.cascade)
    created_at = Timestamptz()
    last_seen_at = Timestamptz()
    expires_at = Timestamptz()


class SignInAttempt(Table, tablename="sign_in_attempt"):
    id: Serial
    email = Varchar(length=254, index=True)
    succeeded = Boolean(default=False)
    attempted_at = Timestamptz()
    client = Varchar(length=100, default="")


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


ALL_TABLES: tuple[type[Table], ...] = (
    Strategy,
    Agency,
    AgencyShortName,
    Plan,
    Objective,
    Action,
    ImportRecord,
    Update,
    CoreComponent,
    ActionCoreComponent,
    GlossaryTerm,
    StagedUpload,
    Account,
    AccountAgency,
    AccountLeadName,
    ApiToken,
    AuditEvent,
    SignInSession,
    SignInAttempt,
    Challenge,
    Escalation,
)
