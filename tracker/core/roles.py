"""Who may do what. Checked on the server for every route and command."""

from __future__ import annotations

from enum import StrEnum


class Role(StrEnum):
    BUSINESS_UNIT = "business-unit"
    CHAIR = "chair"
    LEAD = "lead"
    VIEWER = "viewer"

    @property
    def label(self) -> str:
        return ROLE_LABELS[self]


ROLE_LABELS = {
    Role.BUSINESS_UNIT: "Business unit",
    Role.CHAIR: "Strategy chair",
    Role.LEAD: "Agency lead",
    Role.VIEWER: "Viewer",
}

# Importing agencies' returns and undoing imports is the business unit's job.
CAN_IMPORT = frozenset({Role.BUSINESS_UNIT})
