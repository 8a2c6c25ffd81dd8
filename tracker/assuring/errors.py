"""Why an assurance rating or outcome could not be changed, beyond the updating service's refusals.

Refusals shared with updating (NotAllowed, InvalidChange, ActionNotFound) come
from tracker.updating.record, and PossiblePersonalData from tracker.guard, so
pages map every refusal the same way.
"""

from __future__ import annotations


class NoRating(LookupError):
    """There is no assurance rating for that action and quarter to clear."""


class NotComplete(RuntimeError):
    """Outcome evidence is recorded only for a complete action: the message says its RAG."""
