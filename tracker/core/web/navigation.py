"""The site's navigation: one list, rendered by base.html.

Each link names its route and the roles that see it. Those roles are the very
tuples the route's guard lets in (tracker.core.roles), so each role sees
exactly the links whose pages it may open: never one that leads to a refusal.
"""

from __future__ import annotations

from dataclasses import dataclass

from tracker.core.roles import (
    CAN_IMPORT,
    CAN_MANAGE_USERS,
    CAN_READ_AUDIT,
    CAN_REVIEW_FLAGGED_TEXT,
    CAN_SEE_REMINDERS,
    HAS_OWN_ACTIONS,
    HAS_TO_DO,
    Role,
)


@dataclass(frozen=True)
class NavLink:
    label: str
    route: str  # the route's name, for url_for
    roles: tuple[Role, ...] | None = None  # None: everyone signed in
    section: bool = False  # current on the pages under it too (/returns/...), not only on itself
    # A route answering with how many things wait there, fetched once the page has loaded
    # (htmx), so no page pays for the count before it is shown.
    count_route: str | None = None

    def shown_to(self, role: Role) -> bool:
        return self.roles is None or role in self.roles

    def is_current(self, here: str, href: str) -> bool:
        return here.startswith(href) if self.section else here == href


MAIN = (
    NavLink("My actions", "my_actions", HAS_OWN_ACTIONS),
    NavLink("To do", "todo", HAS_TO_DO, count_route="todo_count"),
    NavLink("Plans", "home"),
    NavLink("Returns", "returns", section=True),
    NavLink("Review", "review", section=True),
    NavLink("Dashboard", "dashboard"),
    NavLink("Coverage", "coverage"),
    NavLink("Challenges", "challenges", section=True),
    NavLink("Escalations", "escalations", section=True),
    NavLink("Assurance", "assurance"),
    NavLink("Learning", "learning", section=True),
    NavLink("Reports", "reports", section=True),
    NavLink("Reminders", "reminders", CAN_SEE_REMINDERS),
    NavLink("Imports", "imports", CAN_IMPORT, section=True),
    NavLink("Flagged text", "flagged_text", CAN_REVIEW_FLAGGED_TEXT, section=True),
    NavLink("Strategies", "strategies", (Role.BUSINESS_UNIT,)),
    NavLink("Users", "users", CAN_MANAGE_USERS, section=True),
    NavLink("Audit trail", "audit", CAN_READ_AUDIT, section=True),
    NavLink("Profile", "profile"),
)

# The reference pages, in the footer.
REFERENCE = (
    NavLink("Agencies", "agencies"),
    NavLink("Core components", "core_components"),
    NavLink("Glossary", "glossary"),
)

# Where each role lands after signing in without asking for a page: what waits for them.
LANDING = {Role.LEAD: "my_actions", Role.CHAIR: "todo", Role.BUSINESS_UNIT: "todo"}


def landing_route(role: Role) -> str:
    """The name of the route a role lands on; the Plans page for those with nothing waiting."""
    return LANDING.get(role, "home")
