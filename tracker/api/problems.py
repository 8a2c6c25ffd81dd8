"""What is wrong with an API request, field by field, in words the caller can act on."""

from __future__ import annotations

from tracker.core.refusals import InvalidInput


class RequestProblem(InvalidInput):
    """Something in the request itself (its query or body) is not right."""
