"""Why a challenge or escalation could not be changed, beyond the shared refusals of
tracker.core.refusals (NotAllowed, InvalidInput, ActionNotFound)."""

from __future__ import annotations

from tracker.core import refusals


class NotFound(refusals.NotFound):
    """No challenge or escalation with that id."""


class AlreadySettled(refusals.Conflict):
    """Closed, answered or resolved already: the message says when and by whom."""


class ActionWithdrawn(refusals.Conflict):
    """The action was withdrawn: no one reports on it, so no one can be challenged on it."""
