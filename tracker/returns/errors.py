"""Why a return could not be moved on, beyond the updating service's refusals.

Refusals shared with updating (NotAllowed, InvalidChange) come from
tracker.updates.store, and a step the state does not allow is the domain's
StepRefused, so pages map every refusal the same way.
"""

from __future__ import annotations


class PlanNotFound(LookupError):
    """No plan with that id."""


class ReturnChanged(RuntimeError):
    """The return moved on since the page that asked was shown: nothing was saved."""
