"""Which tables hold free text the guard flags, and which of their columns may be redacted.

A flag names its text by table and column (tracker.core.personal_data.flags.record_flags);
redaction rewrites only the columns listed here, so a flag can never point
the redaction at anything else.
"""

from __future__ import annotations

from dataclasses import dataclass

from piccolo.table import Table

from tracker.core.tables import (
    AssuranceRating,
    Challenge,
    Escalation,
    LearningImpact,
    LearningItem,
    LearningSource,
    OutcomeEvidence,
    PlanReturn,
    ReturnStep,
    Update,
)


@dataclass(frozen=True)
class FreeText:
    table: type[Table]
    what: str  # the record in words: "Update", as in "Update to action 1.2"
    fields: dict[str, str]  # column: its label, as the pages name it
    joiner: str = "on"  # "Update to action 1.2", "Challenge on action 1.2"


REDACTABLE: dict[str, FreeText] = {
    "action_update": FreeText(
        Update, "Update", {"progress": "Progress", "impact": "Evidence of impact"}, "to"
    ),
    "challenge": FreeText(
        Challenge,
        "Challenge",
        {"question": "Question", "reply": "Reply", "closing_note": "Closing note"},
    ),
    "escalation": FreeText(
        Escalation,
        "Escalation",
        {"issue": "Issue", "rationale": "Rationale", "resolution": "Resolution"},
        "of",
    ),
    "plan_return": FreeText(PlanReturn, "Return", {"comments": "Comments"}),
    "return_step": FreeText(ReturnStep, "Return step", {"comment": "Comment"}),
    "assurance_rating": FreeText(AssuranceRating, "Assurance rating", {"reason": "Reason"}, "of"),
    "outcome_evidence": FreeText(OutcomeEvidence, "Outcome evidence", {"note": "Note"}, "for"),
    "learning_source": FreeText(LearningSource, "Source of learning", {"title": "Title"}),
    "learning_item": FreeText(LearningItem, "Finding or recommendation", {"text": "Text"}),
    "learning_impact": FreeText(
        LearningImpact, "Impact evidence", {"evidence": "Evidence of impact"}, "for"
    ),
}


def free_text(record_table: str, field: str) -> FreeText | None:
    """The table and its text, if `field` of `record_table` is free text that may be redacted."""
    found = REDACTABLE.get(record_table)
    if found is None or field not in found.fields:
        return None
    return found
