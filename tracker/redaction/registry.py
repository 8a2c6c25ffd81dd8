"""Which tables hold free text the guard flags, and which of their columns may be redacted.

A flag names its text by table and column (tracker.core.personal_data.flags.record_flags);
redaction rewrites only the columns listed here, so a flag can never point
the redaction at anything else.
"""

from __future__ import annotations

from dataclasses import dataclass

from piccolo.table import Table

from tracker.core.tables import (
    Action,
    AssuranceRating,
    Challenge,
    Escalation,
    LearningImpact,
    LearningItem,
    LearningSource,
    Objective,
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
    # Written on the web by tracker.plan_changes (an import's text is checked by the importer).
    "action": FreeText(
        Action,
        "Text",  # "Text of action 1.2, ..."
        {
            "text": "Action",
            "input": "Input",
            "desired_outcome": "Desired outcome",
            "withdrawn_reason": "Reason withdrawn",
        },
        "of",
    ),
    "objective": FreeText(Objective, "Objective", {"text": "Objective"}, "of"),
}


def free_text(record_table: str, field: str) -> FreeText | None:
    """The table and its text, if `field` of `record_table` is free text that may be redacted."""
    found = REDACTABLE.get(record_table)
    if found is None or field not in found.fields:
        return None
    return found
