"""Who sees which part of To do, and how its counts read: plain data, no database."""

from tracker.core.roles import Role
from tracker.core.web.navigation import MAIN, landing_route
from tracker.todo.rules import FOR_CHAIRS, Count, Section, counts, sections_for, waiting


def test_the_business_unit_also_chases_returns_and_reviews_flagged_text():
    assert sections_for(Role.CHAIR) == FOR_CHAIRS
    assert sections_for(Role.BUSINESS_UNIT) == (
        *FOR_CHAIRS,
        Section.RETURNS_OVERDUE,
        Section.FLAGGED_TEXT,
    )
    assert Section.FLAGGED_TEXT not in sections_for(Role.CHAIR)


def test_leads_and_viewers_have_no_to_do():
    assert sections_for(Role.LEAD) == () and sections_for(Role.VIEWER) == ()


def test_counts_read_in_the_singular_and_the_plural():
    assert Count(Section.RETURNS_TO_DECIDE, 1).label == "1 return awaiting a decision"
    assert Count(Section.RETURNS_TO_DECIDE, 0).label == "0 returns awaiting a decision"
    assert Count(Section.REPLIES_OVERDUE, 3).label == "3 challenge replies overdue"


def test_every_section_of_the_role_is_counted_even_when_none_wait():
    found = counts(FOR_CHAIRS, {Section.ANSWERS_TO_CLOSE: 2, Section.FLAGGED_TEXT: 9})
    assert [item.count for item in found] == [0, 2, 0, 0]
    assert waiting(found) == 2


def test_each_role_lands_on_what_waits_for_it():
    assert landing_route(Role.LEAD) == "my_actions"
    assert landing_route(Role.CHAIR) == "todo"
    assert landing_route(Role.BUSINESS_UNIT) == "todo"
    assert landing_route(Role.VIEWER) == "home"


def test_the_to_do_link_is_for_chairs_and_the_business_unit_with_its_count():
    [link] = [link for link in MAIN if link.route == "todo"]
    assert [role for role in Role if link.shown_to(role)] == [Role.BUSINESS_UNIT, Role.CHAIR]
    assert link.count_route == "todo_count"
