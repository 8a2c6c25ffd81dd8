"""The navigation: one list, offered to exactly the roles each link's route lets in."""

from __future__ import annotations

import re

import pytest

from tests.support.accounts import BUSINESS_UNIT, CHAIR, TVP_LEAD, VIEWER, csrf_headers, sign_in
from tracker.core.roles import Role
from tracker.core.web.access import RoleGuard
from tracker.core.web.navigation import MAIN, REFERENCE

EVERYONE = [
    "Plans",
    "Returns",
    "Review",
    "Dashboard",
    "Coverage",
    "Challenges",
    "Escalations",
    "Assurance",
    "Learning",
    "Reports",
]
# Today's menus, role by role, in their order.
MENUS = {
    TVP_LEAD: ["My actions", *EVERYONE, "Profile"],
    VIEWER: [*EVERYONE, "Profile"],
    CHAIR: [*EVERYONE, "Reminders", "Profile"],
    BUSINESS_UNIT: [
        *EVERYONE,
        "Reminders",
        "Imports",
        "Flagged text",
        "Strategies",
        "Users",
        "Audit trail",
        "Profile",
    ],
}


def nav_links(page: str, label: str) -> list[tuple[str, str, bool]]:
    """(label, href, marked current) of each link in the <nav> called `label`."""
    nav = re.search(rf'<nav aria-label="{label}">(.*?)</nav>', page, re.S)[1]
    return [
        (text, href, bool(current))
        for href, current, text in re.findall(
            r'<a href="([^"]+)"( aria-current="page")?>([^<]+)</a>', nav
        )
    ]


@pytest.fixture
def app(settings_for, tmp_path):
    from tracker.web.app import create_app

    return create_app(settings_for(f"sqlite:///{tmp_path / 'unused.db'}"), check_migrations=False)


def test_each_link_is_offered_to_exactly_the_roles_its_route_lets_in(app):
    for link in (*MAIN, *REFERENCE):
        handler = app.get_handler_index_by_name(link.route)["handler"]
        guards = [
            guard
            for layer in handler.ownership_layers
            for guard in layer.guards or ()
            if isinstance(guard, RoleGuard)
        ]
        assert [guard.allowed for guard in guards] == ([link.roles] if link.roles else []), link
        for role in Role:
            assert link.shown_to(role) == (link.roles is None or role in link.roles)


def test_each_role_sees_its_menu_in_order_with_the_page_it_is_on_marked(anonymous_client):
    for email, menu in MENUS.items():
        assert sign_in(anonymous_client, email).status_code == 303
        links = nav_links(anonymous_client.get("/returns").text, "Main")
        assert [text for text, _, _ in links] == menu
        assert [text for text, _, current in links if current] == ["Returns"]
        anonymous_client.post("/sign-out", headers=csrf_headers(anonymous_client))


def test_a_link_is_current_on_its_own_page_and_a_section_on_the_pages_under_it(client):
    home = nav_links(client.get("/").text, "Main")
    assert [text for text, _, current in home if current] == ["Plans"]
    plan = nav_links(client.get("/plans/1").text, "Main")
    assert [text for text, _, current in plan if current] == []
    users = client.get("/users").text
    assert [text for text, _, current in nav_links(users, "Main") if current] == ["Users"]
    glossary = nav_links(client.get("/glossary").text, "Reference")
    assert glossary == [
        ("Agencies", "/agencies", False),
        ("Core components", "/core-components", False),
        ("Glossary", "/glossary", True),
    ]


def test_every_page_names_an_icon_that_is_served_so_browsers_get_no_404(client):
    for path in ("/sign-in", "/"):
        page = client.get(path).text
        assert '<link rel="icon" href="/static/favicon.svg" type="image/svg+xml">' in page
    icon = client.get("/static/favicon.svg")
    assert icon.status_code == 200
    assert icon.headers["content-type"].startswith("image/svg+xml")


def test_a_page_for_other_roles_says_who_it_is_for(client):
    client.post("/sign-out", headers=csrf_headers(client))
    assert sign_in(client, VIEWER).status_code == 303
    refused = client.get("/imports")
    assert refused.status_code == 403
    assert "Only the business unit can do this." in refused.text
