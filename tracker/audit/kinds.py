"""What kinds of change the audit trail records, and how a page names them."""

from __future__ import annotations

from enum import StrEnum


class AuditKind(StrEnum):
    UPDATE = "update"
    EDIT = "edit"
    IMPORT = "import"
    IMPORT_UNDONE = "import-undone"
    ACCOUNT_CREATED = "account-created"
    ACCOUNT_CHANGED = "account-changed"
    ACCOUNT_DISABLED = "account-disabled"
    ACCOUNT_ENABLED = "account-enabled"
    PASSWORD_RESET = "password-reset"  # noqa: S105 - a kind of event, not a secret
    PASSWORD_LINK_MADE = "password-link-made"  # noqa: S105 - a kind of event, not a secret
    PASSWORD_LINK_ASKED = "password-link-asked"  # noqa: S105 - a kind of event, not a secret
    PASSWORD_LINK_NOT_SENT = "password-link-not-sent"  # noqa: S105 - a kind of event
    PASSWORD_SET = "password-set"  # noqa: S105 - a kind of event, not a secret
    PASSWORD_CHANGED = "password-changed"  # noqa: S105 - a kind of event, not a secret
    SIGN_IN = "sign-in"
    SIGN_IN_FAILED = "sign-in-failed"
    TOKEN_CREATED = "token-created"  # noqa: S105 - a kind of event, not a secret
    TOKEN_REVOKED = "token-revoked"  # noqa: S105 - a kind of event, not a secret
    CHALLENGE_RAISED = "challenge-raised"
    CHALLENGE_ANSWERED = "challenge-answered"
    CHALLENGE_CLOSED = "challenge-closed"
    ESCALATION_RAISED = "escalation-raised"
    ESCALATION_RESOLVED = "escalation-resolved"
    CORE_COMPONENTS_TAGGED = "core-components-tagged"
    RETURN_SUBMITTED = "return-submitted"
    RETURN_RETURNED = "return-returned"
    RETURN_ACCEPTED = "return-accepted"
    RETURN_WITHDRAWN = "return-withdrawn"
    DEADLINE_SET = "deadline-set"
    ASSURANCE_SET = "assurance-set"
    ASSURANCE_CLEARED = "assurance-cleared"
    OUTCOME_RECORDED = "outcome-recorded"
    TEXT_REDACTED = "text-redacted"
    FLAG_CLEARED = "flag-cleared"
    REMINDERS_SENT = "reminders-sent"
    REPORT_PUBLISHED = "report-published"
    REPORT_MESSAGES_SAVED = "report-messages-saved"
    REPORT_FRONT_SHEET_SAVED = "report-front-sheet-saved"
    PROFORMAS_EMAILED = "proformas-emailed"
    UPLOAD_LINK_MADE = "upload-link-made"
    UPLOAD_LINK_REVOKED = "upload-link-revoked"
    UPLOAD_RECEIVED = "upload-received"
    PROPOSAL_ACCEPTED = "proposal-accepted"
    PROPOSAL_REJECTED = "proposal-rejected"

    LEARNING_LINKED = "learning-linked"
    LEARNING_UNLINKED = "learning-unlinked"
    DELIVERY_LINKED = "delivery-linked"
    DELIVERY_UNLINKED = "delivery-unlinked"
    IMPACT_RECORDED = "impact-recorded"
    LEARNING_SOURCE_ADDED = "learning-source-added"
    LEARNING_SOURCE_EDITED = "learning-source-edited"
    LEARNING_ITEM_ADDED = "learning-item-added"
    LEARNING_ITEM_EDITED = "learning-item-edited"
    STRATEGY_CLOSED = "strategy-closed"
    ACTION_CARRIED = "action-carried"

    OBJECTIVE_ADDED = "objective-added"
    OBJECTIVE_CHANGED = "objective-changed"
    ACTION_ADDED = "action-added"
    ACTION_REWORDED = "action-reworded"
    ACTION_WITHDRAWN = "action-withdrawn"
    ACTION_REINSTATED = "action-reinstated"

    STRATEGY_ADDED = "strategy-added"
    OWN_COMPONENT_SAVED = "own-component-saved"

    @property
    def label(self) -> str:
        return KIND_LABELS[self]


KIND_LABELS = {
    AuditKind.UPDATE: "RAG and progress update",
    AuditKind.EDIT: "Action details edited",
    AuditKind.IMPORT: "Return imported",
    AuditKind.IMPORT_UNDONE: "Import undone",
    AuditKind.ACCOUNT_CREATED: "Account created",
    AuditKind.ACCOUNT_CHANGED: "Account changed",
    AuditKind.ACCOUNT_DISABLED: "Account disabled",
    AuditKind.ACCOUNT_ENABLED: "Account enabled",
    AuditKind.PASSWORD_RESET: "Password reset",
    AuditKind.PASSWORD_LINK_MADE: "Password link made",
    AuditKind.PASSWORD_LINK_ASKED: "Forgotten password link asked for",
    AuditKind.PASSWORD_LINK_NOT_SENT: "Password link not e-mailed",
    AuditKind.PASSWORD_SET: "Password set with a link",
    AuditKind.PASSWORD_CHANGED: "Password changed",
    AuditKind.SIGN_IN: "Signed in",
    AuditKind.SIGN_IN_FAILED: "Failed sign-in",
    AuditKind.TOKEN_CREATED: "API token created",
    AuditKind.TOKEN_REVOKED: "API token revoked",
    AuditKind.CHALLENGE_RAISED: "Challenge raised",
    AuditKind.CHALLENGE_ANSWERED: "Challenge answered",
    AuditKind.CHALLENGE_CLOSED: "Challenge closed",
    AuditKind.ESCALATION_RAISED: "Escalated",
    AuditKind.ESCALATION_RESOLVED: "Escalation resolved",
    AuditKind.CORE_COMPONENTS_TAGGED: "Core components tagged",
    AuditKind.RETURN_SUBMITTED: "Return submitted",
    AuditKind.RETURN_RETURNED: "Return returned for changes",
    AuditKind.RETURN_ACCEPTED: "Return accepted",
    AuditKind.RETURN_WITHDRAWN: "Return withdrawn",
    AuditKind.DEADLINE_SET: "Return deadline set",
    AuditKind.ASSURANCE_SET: "Assurance rating set",
    AuditKind.ASSURANCE_CLEARED: "Assurance rating cleared",
    AuditKind.OUTCOME_RECORDED: "Outcome evidence recorded",
    AuditKind.TEXT_REDACTED: "Personal data redacted",
    AuditKind.FLAG_CLEARED: "Flagged text cleared",
    AuditKind.REMINDERS_SENT: "Reminders sent",
    AuditKind.REPORT_PUBLISHED: "Report published",
    AuditKind.REPORT_MESSAGES_SAVED: "Report key messages saved",
    AuditKind.REPORT_FRONT_SHEET_SAVED: "Report front sheet saved",
    AuditKind.PROFORMAS_EMAILED: "Proformas e-mailed",
    AuditKind.UPLOAD_LINK_MADE: "Upload link made",
    AuditKind.UPLOAD_LINK_REVOKED: "Upload link revoked",
    AuditKind.UPLOAD_RECEIVED: "Return received by upload link",
    AuditKind.PROPOSAL_ACCEPTED: "Proposed change accepted",
    AuditKind.PROPOSAL_REJECTED: "Proposed change rejected",
    AuditKind.LEARNING_LINKED: "Action linked to learning",
    AuditKind.LEARNING_UNLINKED: "Action unlinked from learning",
    AuditKind.DELIVERY_LINKED: "Agency action linked to an overarching action",
    AuditKind.DELIVERY_UNLINKED: "Agency action unlinked from an overarching action",
    AuditKind.IMPACT_RECORDED: "Impact evidence recorded",
    AuditKind.LEARNING_SOURCE_ADDED: "Source of learning added",
    AuditKind.LEARNING_SOURCE_EDITED: "Source of learning edited",
    AuditKind.LEARNING_ITEM_ADDED: "Finding or recommendation added",
    AuditKind.LEARNING_ITEM_EDITED: "Finding or recommendation edited",
    AuditKind.OBJECTIVE_ADDED: "Objective added",
    AuditKind.OBJECTIVE_CHANGED: "Objective reworded or renumbered",
    AuditKind.ACTION_ADDED: "Action added",
    AuditKind.ACTION_REWORDED: "Action reworded, renumbered or moved",
    AuditKind.ACTION_WITHDRAWN: "Action withdrawn",
    AuditKind.ACTION_REINSTATED: "Action reinstated",
    AuditKind.STRATEGY_CLOSED: "Strategy closed",
    AuditKind.ACTION_CARRIED: "Action carried over",
    AuditKind.STRATEGY_ADDED: "Strategy added",
    AuditKind.OWN_COMPONENT_SAVED: "Strategy's own core component added or reworded",
}
