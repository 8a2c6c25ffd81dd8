"""Who may update which action. Pure, so every route and the API share one rule.

The business unit may update any action. An agency lead may update the
actions of their agencies' plans, and any action whose lead names one of the
lead titles they are assigned (an overarching action led by "PLR Panel/ OSCB
Business Unit Manager" is assigned to whoever holds either title). Chairs and
viewers update nothing.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from tracker.core.roles import Role

_LEAD_SEPARATORS = re.compile(r"\s*(?:[/,;&+\n]|\band\b)\s*", re.IGNORECASE)


@dataclass(frozen=True)
class ActionScope:
    """What decides who may update an action: its plan's agency and its lead."""

    agency_id: int | None
    lead: str | None


@dataclass(frozen=True)
class Updater:
    role: Role
    agency_ids: frozenset[int]
    lead_names: frozenset[str]


def normalised_lead(name: str) -> str:
    return " ".join(name.split()).casefold()


def lead_parts(lead: str | None) -> frozenset[str]:
    """The titles a lead cell names: "Head of EH/ MASH; Health lead" names three."""
    if not lead:
        return frozenset()
    whole = normalised_lead(lead)
    parts = {normalised_lead(part) for part in _LEAD_SEPARATORS.split(lead) if part.strip()}
    return frozenset({whole, *parts})


def lead_matches(lead: str | None, names: Iterable[str]) -> bool:
    parts = lead_parts(lead)
    return any(normalised_lead(name) in parts for name in names if name.strip())


def may_update(updater: Updater, scope: ActionScope) -> bool:
    if updater.role is Role.BUSINESS_UNIT:
        return True
    if updater.role is not Role.LEAD:
        return False
    if scope.agency_id is not None and scope.agency_id in updater.agency_ids:
        return True
    return lead_matches(scope.lead, updater.lead_names)


def may_change_plan(role: Role, agency_ids: frozenset[int], plan_agency_id: int | None) -> bool:
    """Who may add, reword, renumber, move and withdraw a plan's objectives and actions:
    the business unit, and for their own plans the plan's leads (an agency lead whose
    agencies include the plan's agency; nobody leads the overarching plan but the unit)."""
    if role is Role.BUSINESS_UNIT:
        return True
    return role is Role.LEAD and plan_agency_id is not None and plan_agency_id in agency_ids
