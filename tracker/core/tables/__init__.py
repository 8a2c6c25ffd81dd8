"""The tracker's tables, one module per area; import them from here.

An action's RAG status and progress are never stored on the action: they are
its updates, each dated by the day it describes (`as_at`). The status of any
plan on any past day is therefore the latest update on or before that day,
which is what the quarterly reports rely on.

`ALL_TABLES` is every table, in the order Piccolo creates them: a table comes
after those it refers to, and one added later goes at the end.
"""

from piccolo.table import Table

from tracker.core.tables.accounts import (
    Account,
    AccountAgency,
    AccountLeadName,
    ApiToken,
    PasswordLink,
    SignInAttempt,
    SignInSession,
)
from tracker.core.tables.assurance import (
    AssuranceRating,
    Challenge,
    EscalatedTo,
    Escalation,
    OutcomeEvidence,
)
from tracker.core.tables.audit import AuditEvent, FlaggedText
from tracker.core.tables.imports import (
    ImportRecord,
    LinkUpload,
    PreviewProgress,
    StagedUpload,
    UploadLink,
)
from tracker.core.tables.learning import (
    LearningImpact,
    LearningItem,
    LearningLink,
    LearningSource,
)
from tracker.core.tables.plans import (
    Action,
    ActionCoreComponent,
    ActionDelivery,
    Agency,
    AgencyShortName,
    CoreComponent,
    GlossaryTerm,
    Objective,
    Plan,
    PlanKind,
    Strategy,
)
from tracker.core.tables.proposals import Proposal
from tracker.core.tables.reports import (
    Notice,
    NoticeChoice,
    PublishedFile,
    PublishedReport,
    ReportFrontSheet,
    ReportMessage,
)
from tracker.core.tables.returns import (
    PlanReturn,
    ProformaMail,
    QuarterDeadline,
    ReminderDigest,
    ReminderItem,
    ReturnStep,
)
from tracker.core.tables.updates import Update, UpdateSource

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
    ReportFrontSheet,
    ProformaMail,
    PreviewProgress,
    UploadLink,
    LinkUpload,
    Proposal,
    LearningSource,
    LearningItem,
    LearningLink,
    ActionDelivery,
    LearningImpact,
)

__all__ = [
    "ALL_TABLES",
    "Account",
    "AccountAgency",
    "AccountLeadName",
    "Action",
    "ActionCoreComponent",
    "ActionDelivery",
    "Agency",
    "AgencyShortName",
    "ApiToken",
    "AssuranceRating",
    "AuditEvent",
    "Challenge",
    "CoreComponent",
    "EscalatedTo",
    "Escalation",
    "FlaggedText",
    "GlossaryTerm",
    "ImportRecord",
    "LearningImpact",
    "LearningItem",
    "LearningLink",
    "LearningSource",
    "LinkUpload",
    "Notice",
    "NoticeChoice",
    "Objective",
    "OutcomeEvidence",
    "PasswordLink",
    "Plan",
    "PlanKind",
    "PlanReturn",
    "PreviewProgress",
    "ProformaMail",
    "Proposal",
    "PublishedFile",
    "PublishedReport",
    "QuarterDeadline",
    "ReminderDigest",
    "ReminderItem",
    "ReportFrontSheet",
    "ReportMessage",
    "ReturnStep",
    "SignInAttempt",
    "SignInSession",
    "StagedUpload",
    "Strategy",
    "Update",
    "UpdateSource",
    "UploadLink",
]
