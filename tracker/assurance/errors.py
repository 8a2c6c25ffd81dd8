"""Why an assurance rating or outcome could not be changed, beyond the updating service's refusals.

Refusals shared with updating (NotAllowed, InvalidChange, ActionNotFound) come
from tracker.updates.store, and PossiblePersonalData from tracker.core.personal_data, so
pages map every refusal the same way.
"""

from __future__ import annotations


class NoRating(LookupError):
    """There is no assurance rating for that action and quarter to clear."""


class NotComplete(RuntimeError):
    """Outcome evidence is recorded only for a complete action: the message says its RAG."""
