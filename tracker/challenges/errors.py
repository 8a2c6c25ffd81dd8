"""Why a challenge or escalation could not be changed, beyond the updating service's refusals.

Refusals shared with updating (NotAllowed, InvalidChange, ActionNotFound) come
from tracker.updates.store, so pages map every refusal the same way.
"""

from __future__ import annotations


class NotFound(LookupError):
    """No challenge or escalation with that id."""


class AlreadySettled(RuntimeError):
    """Closed, answered or resolved already: the message says when and by whom."""
