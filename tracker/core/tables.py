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
    # Closed after its last quarter's return is accepted: read only from then on.
    closed_at = Timestamptz(null=True, default=None)
    closed_by = Varchar(length=200, null=True, default=None)


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
    version = Integer(default=1)


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
    # Withdrawn by the group from this day on: out of counts, overdue lists and returns
    # from then, still shown as withdrawn, and can be reinstated (both cleared).
    withdrawn_on = Date(null=True, default=None)
    withdrawn_reason = Text(null=True, default=None)
    withdrawn_by = Varchar(length=200, null=True, default=None)
    # The action of an earlier (closed) strategy this one carries on.
    carried_from: ForeignKey[Action] = ForeignKey(
        references="self", null=True, on_delete=OnDelete.set_null
    )
    # The day the action entered its plan: the as-at day of the import that made it, else
    # the UK day it was added. An as-at view of an earlier day does not count it.
    added_on = Date(null=True, default=None)


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
    # The strategy this component is its own; None: shared by every strategy (Appendix 2's 12).
    strategy = ForeignKey(references=Strategy, null=True, default=None, on_delete=OnDelete.restrict)


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
    # Set for a file that arrived by an upload link: kept for the business unit until then,
    # not for a day as the uploader's own preview is (tracker.imports.staging).
    kept_until = Timestamptz(null=True, default=None)


class Account(Table):
    """A person who signs in. Roles: see tracker.core.roles."""

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
    # "read" or "read-write" (tracker.accounts.tokens.TokenScope), chosen when made.
    scope = Varchar(length=10, default="read-write")
    # Always set when made; nullable only so the column could be added to existing
    # rows (migration 0004 fills them). A token without one is refused.
    expires_at = Timestamptz(null=True, default=None)


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
    # The strategy this browser chose in the header's switcher; None: the current one.
    strategy = Integer(null=True, default=None)


class PasswordLink(Table, tablename="password_link"):
    """A one-time link to set a password: an invitation or a reset. Only its hash is kept."""

    id: Serial
    token_hash = Varchar(length=64, unique=True)
    account = ForeignKey(references=Account, null=False, on_delete=OnDelete.cascade, index=True)
    purpose = Varchar(length=10)  # "invite" or "reset"
    created_at = Timestamptz()
    created_by = Varchar(length=254)  # an email, or "system"
    expires_at = Timestamptz()
    used_at = Timestamptz(null=True, default=None)


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


class ReportMessage(Table, tablename="report_message"):
    """The key messages the business unit writes for a quarter's reports."""

    id: Serial
    quarter = Varchar(length=10)  # unique per strategy
    text = Text()
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
    PasswordLink,
    Challenge,
    Escalation,
    QuarterDeadline,
    PlanReturn,
    ReturnStep,
    AssuranceRating,
    OutcomeEvidence,
    FlaggedText,
    ReminderDigest,
    ReminderItem,
    ReportMessage,
    PublishedReport,
    PublishedFile,
    Notice,
    NoticeChoice,
)


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


ALL_TABLES = (*ALL_TABLES, ReportFrontSheet)


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


ALL_TABLES = (*ALL_TABLES, ProformaMail)


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


ALL_TABLES = (*ALL_TABLES, PreviewProgress)


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


ALL_TABLES = (*ALL_TABLES, UploadLink, LinkUpload)


class Proposal(Table):
    """A change an agency's returned proforma proposes to its plan's text, waiting for the
    business unit: a new action (a row the agency added) or an edit of a protected field
    (objective, action, input, desired outcome, lead, time-scale) of an existing one.

    Nothing in the plan changes until it is accepted; a decision moves `status` on from
    "proposed" only once (see tracker.proposals.store), so of two people deciding at once
    one wins. `details`: a new action's fields, or a time-scale's due day and recurrence.
    """

    id: Serial
    plan = Integer(index=True)
    quarter = Varchar(length=10, index=True)
    kind = Varchar(length=10)  # new, edit
    ref = Varchar(length=20)  # type: ignore[assignment]  # the action's (a new one's, as given)
    field = Varchar(length=30, default="")  # an edit's field; "" for a new action
    before = Text(null=True, default=None)
    after = Text(null=True, default=None)
    details = JSON(default="{}")
    import_record = Integer(null=True, default=None, index=True)
    status = Varchar(length=20, index=True)  # proposed, accepted, rejected
    proposed_by = Varchar(length=254)
    proposed_at = Timestamptz()
    decided_by = Varchar(length=254, null=True, default=None)
    decided_at = Timestamptz(null=True, default=None)


ALL_TABLES = (*ALL_TABLES, Proposal)


class LearningSource(Table, tablename="learning_source"):
    """A review, inspection, audit or national briefing whose findings and recommendations
    the partnership's actions answer (tracker.learning). `key` names it in imports/learning.toml."""

    id: Serial
    key = Varchar(length=60, unique=True)
    kind = Varchar(length=20)  # review, inspection, audit, national-briefing
    title = Varchar(length=300)
    published = Date(null=True, default=None)
    publisher = Varchar(length=200, default="")
    link = Varchar(length=500, null=True, default=None)
    position = Integer(default=0)


class LearningItem(Table, tablename="learning_item"):
    """One numbered finding or recommendation of a source; (source, number) is unique
    (an index, tracker_0015_learning)."""

    id: Serial
    source = ForeignKey(references=LearningSource, null=False, on_delete=OnDelete.restrict)
    number = Varchar(length=10)
    kind = Varchar(length=20)  # finding, recommendation
    text = Text()
    addressed_to = Varchar(length=200)  # practitioners, managers, partnership, or an agency
    position = Integer(default=0)


class LearningLink(Table, tablename="learning_link"):
    """An action answers a finding or recommendation; (item, action) is unique."""

    id: Serial
    item = ForeignKey(references=LearningItem, null=False, on_delete=OnDelete.restrict)
    action = ForeignKey(references=Action, null=False, on_delete=OnDelete.cascade, index=True)
    linked_by = Varchar(length=254)
    linked_at = Timestamptz()


class ActionDelivery(Table, tablename="action_delivery"):
    """An agency's action delivers an overarching action; (action, delivers) is unique."""

    id: Serial
    action = ForeignKey(references=Action, null=False, on_delete=OnDelete.cascade)
    delivers = ForeignKey(references=Action, null=False, on_delete=OnDelete.cascade, index=True)
    linked_by = Varchar(length=254)
    linked_at = Timestamptz()


class LearningImpact(Table, tablename="learning_impact"):
    """The evidence that practice changed, which alone closes a finding or recommendation."""

    id: Serial
    item = ForeignKey(references=LearningItem, null=False, on_delete=OnDelete.restrict, unique=True)
    evidence = Text()
    evidenced_on = Date()
    recorded_by = Varchar(length=254)
    recorded_at = Timestamptz()


ALL_TABLES = (
    *ALL_TABLES,
    LearningSource,
    LearningItem,
    LearningLink,
    ActionDelivery,
    LearningImpact,
)
