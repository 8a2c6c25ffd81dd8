"""Why an assurance rating or outcome could not be changed, beyond the shared refusals of
tracker.core.refusals (NotAllowed, InvalidInput, ActionNotFound) and PossiblePersonalData."""

from __future__ import annotations

from tracker.core.refusals import Conflict


class NoRating(Conflict):
    """There is no assurance rating for that action and quarter to clear."""


class Withdrawn(Conflict):
    """Outcome evidence is not recorded for an action withdrawn as at today."""


class NotComplete(Conflict):
    """Outcome evidence is recorded only for a complete action: the message says its RAG."""
