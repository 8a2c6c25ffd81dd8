"""Who may update which action: agencies' plans, and lead titles across plans."""

import pytest

from tracker.core.permissions import ActionScope, Updater, lead_matches, lead_parts, may_update
from tracker.core.roles import Role

TVP, CSC = 7, 3


def updater(role, agencies=(), leads=()):
    return Updater(role, frozenset(agencies), frozenset(leads))


def test_the_business_unit_may_update_anything():
    assert may_update(updater(Role.BUSINESS_UNIT), ActionScope(None, None))
    assert may_update(updater(Role.BUSINESS_UNIT), ActionScope(CSC, "Anyone"))


@pytest.mark.parametrize("role", [Role.CHAIR, Role.VIEWER])
def test_chairs_and_viewers_update_nothing_even_with_an_agency(role):
    assert not may_update(updater(role, [TVP], ["ESAT Manager"]), ActionScope(TVP, "ESAT Manager"))


def test_a_lead_may_update_their_agencys_plans_only():
    lead = updater(Role.LEAD, [TVP])
    assert may_update(lead, ActionScope(TVP, "DCI Public Protection"))
    assert not may_update(lead, ActionScope(CSC, None))
    assert not may_update(lead, ActionScope(None, "Strategy Group Chairs"))


def test_a_lead_may_update_actions_led_by_their_title_in_any_plan():
    esat = updater(Role.LEAD, [], ["ESAT manager"])
    assert may_update(esat, ActionScope(None, "ESAT Manager"))
    assert not may_update(esat, ActionScope(None, "OCC Performance Team"))


def test_lead_cells_naming_several_leads_are_split():
    assert lead_parts("Head of EH/ MASH; Health lead") >= {"head of eh", "mash", "health lead"}
    assert lead_matches("PLR Panel/ OSCB Business Unit Manager", ["OSCB Business Unit Manager"])
    assert lead_matches("Oxford Health, CSC, Oxford Brookes", ["csc"])
    assert lead_matches("LE/EH Board; SiE Sub-Group", ["SiE  Sub-Group"])


def test_a_title_must_match_a_whole_lead_not_part_of_a_word():
    assert not lead_matches("ESAT Manager", ["Manager"])
    assert not lead_matches("Health lead", ["Health"])
    assert not lead_matches(None, ["ESAT Manager"])
    assert not lead_matches("ESAT Manager", ["  "])
