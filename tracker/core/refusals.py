"""The refusals: what the tracker will not do, and why, each knowing its HTTP status.

Services raise them; one exception handler (tracker.core.web.errors) shows
them: the form again with the messages, the error page, or the API's problem
JSON. Pure: nothing here touches the database or HTTP.
"""

from __future__ import annotations

from typing import Any, ClassVar


class Refusal(Exception):
    """Something asked for that the tracker will not do; str() says why, in the users' words."""

    status_code: ClassVar[int] = 400

    def problem(self) -> dict[str, Any]:
        """What the API's problem JSON says beyond its status and error."""
        return {"detail": str(self) or None}


class InvalidInput(Refusal):
    """What was sent is not right; `problems` says what is wrong with each field."""

    status_code = 422

    def __init__(self, problems: dict[str, str]) -> None:
        super().__init__("; ".join(problems.values()))
        self.problems = problems  # field name: what is wrong with it

    def problem(self) -> dict[str, Any]:
        return {
            "detail": "Nothing was saved: " + " ".join(self.problems.values()),
            "errors": self.problems,
        }


class Conflict(Refusal):
    """The thing has moved on (changed, settled, accepted) since the page that asked was shown."""

    status_code = 409


class NotAllowed(Refusal):
    """The person asking may not do this to this thing."""

    status_code = 403


class NotFound(Refusal):
    """There is no such thing."""

    status_code = 404


class ActionNotFound(NotFound):
    """No action with that id."""
