"""Why a return could not be moved on, beyond the shared refusals of tracker.core.refusals.

A step the state does not allow is the rules' StepRefused; all are refusals,
so the one exception handler shows each the same way.
"""

from __future__ import annotations

from tracker.core.refusals import Conflict, NotFound


class PlanNotFound(NotFound):
    """No plan with that id."""


class ReturnChanged(Conflict):
    """The return moved on since the page that asked was shown: nothing was saved."""
