"""What the API answers when it refuses: the shapes its schema documents, and what a stale
version adds. Every refusal reaches the caller as problem JSON, made in one place
(tracker.core.web.errors)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from litestar.openapi.datastructures import ResponseSpec

from tracker.api.detail import state_item
from tracker.api.models import ActionItem
from tracker.core import clock
from tracker.core.refusals import Refusal
from tracker.plans.state import ChangeSince
from tracker.updates.store import StaleVersion


@dataclass(frozen=True)
class Problems:
    status: int
    error: str
    detail: str | None
    errors: dict[str, str]  # field name: what is wrong with it
    # "possible-personal-data": the text looks like it identifies a person; send
    # "confirm_personal_data": true to save it as it is.
    code: str | None = None
    # With that code: the kinds found in each field ("phone", "nhs-number", ...).
    kinds: dict[str, list[str]] | None = None


@dataclass(frozen=True)
class Stale:
    status: int
    error: str
    detail: str
    current: ActionItem  # the action as it is now, with the version to send next time
    changes_since: list[ChangeSince]  # what changed after the version sent, oldest first


@dataclass(frozen=True)
class Failure:
    status: int
    error: str
    detail: str | None


def stale_details(refusal: Refusal) -> dict[str, Any]:
    """What a stale version adds to the problem: the action now, and what changed since."""
    if not isinstance(refusal, StaleVersion):
        return {}
    return {
        "current": state_item(refusal.current, clock.today()),
        "changes_since": refusal.since,
    }


def _answer(shape: type, description: str) -> ResponseSpec:
    # No generated examples: they would be random text, different in every schema served.
    return ResponseSpec(shape, description=description, generate_examples=False)


RESPONSES = {
    400: _answer(Failure, "The request could not be read (for example, malformed JSON)"),
    401: _answer(Failure, "No valid API token or session"),
    403: _answer(Failure, "Your role may not do this to this action"),
    404: _answer(Failure, "There is no such action (ids run from 1 to 2,147,483,647)"),
    409: _answer(Stale, "The action changed since the version sent"),
    422: _answer(Problems, "Something sent is not right, field by field"),
}
