"""The signed-in person as their profile page shows them: who they are and their API tokens."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any

from tracker.accounts.sessions import SignedIn
from tracker.accounts.tokens import TokenSummary, list_tokens
from tracker.core.tables import Agency


@dataclass(frozen=True)
class ProfileSection:
    """A part of the profile page another feature adds (its template reads `section.context`).

    The app hands the profile page its providers (app state "profile_sections"), so
    accounts, the lowest feature, needs import none of the features that add a section.
    """

    template: str
    context: dict[str, Any] = field(default_factory=dict)


SectionProvider = Callable[[Any], Awaitable["ProfileSection | None"]]


@dataclass(frozen=True)
class ProfileView:
    person: SignedIn
    agencies: tuple[str, ...]
    lead_names: tuple[str, ...]
    tokens: tuple[TokenSummary, ...]


async def profile_view(person: SignedIn) -> ProfileView:
    agencies = (
        await Agency.select(Agency.name)
        .where(Agency.id.is_in(sorted(person.agency_ids)))
        .order_by(Agency.position)
        if person.agency_ids
        else []
    )
    return ProfileView(
        person=person,
        agencies=tuple(row["name"] for row in agencies),
        lead_names=tuple(sorted(person.lead_names, key=str.casefold)),
        tokens=tuple(await list_tokens(person.id)),
    )
