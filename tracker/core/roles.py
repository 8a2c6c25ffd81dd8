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

# The roles as people name them in a sentence: "Only the business unit and strategy chairs".
ROLE_GROUPS = {
    Role.BUSINESS_UNIT: "the business unit",
    Role.CHAIR: "strategy chairs",
    Role.LEAD: "agency leads",
    Role.VIEWER: "viewers",
}


def only(roles: tuple[Role, ...]) -> str:
    """Why someone else was turned away, in words: "Only the business unit and agency leads
    can do this."."""
    groups = [ROLE_GROUPS[role] for role in Role if role in roles]
    named = groups[0] if len(groups) == 1 else ", ".join(groups[:-1]) + " and " + groups[-1]
    return f"Only {named} can do this."


# Who reaches the pages only some roles see. The route guards and the navigation
# (tracker.core.web.navigation) both use these, so a link shows exactly where it leads.
HAS_OWN_ACTIONS = (Role.LEAD,)  # My actions
HAS_TO_DO = (Role.BUSINESS_UNIT, Role.CHAIR)  # the To do page
CAN_SEE_REMINDERS = (Role.BUSINESS_UNIT, Role.CHAIR)
# Importing agencies' returns and undoing imports is the business unit's job.
CAN_IMPORT = (Role.BUSINESS_UNIT,)
CAN_REVIEW_FLAGGED_TEXT = (Role.BUSINESS_UNIT,)
CAN_MANAGE_USERS = (Role.BUSINESS_UNIT,)
CAN_READ_AUDIT = (Role.BUSINESS_UNIT,)
