"""My actions reads only the actions that may be the lead's, and lists exactly the rule's."""

import asyncio
from datetime import date

from tracker.core.permissions import lead_matches
from tracker.core.tables import Action, Plan
from tracker.plans.queries import actions_as_at
from tracker.updates.my_actions import my_actions

TODAY = date(2020, 11, 10)


def _expected(agency_ids: frozenset[int], names: frozenset[str]) -> set[int]:
    every = asyncio.run(actions_as_at(TODAY))
    return {
        action.id
        for action in every
        if action.agency_id in agency_ids or lead_matches(action.lead, names)
    }


def test_a_lead_gets_their_agencys_actions_and_those_naming_their_title_in_any_case(seeded_db):
    overarching = Plan.select(Plan.id).where(Plan.kind == "overarching").first().run_sync()["id"]
    first, second, third = [
        row["id"]
        for row in Action.select(Action.id).where(Action.plan == overarching).limit(3).run_sync()
    ]
    leads = {
        first: "PLR Panel/  OSCB   Business Unit Manager",
        second: "Business unit manager (OSCB)",  # the words, but not the title
        third: "50% of_leads",
    }
    for action_id, lead in leads.items():
        Action.update({Action.lead: lead}).where(Action.id == action_id).run_sync()
    agency = Plan.select(Plan.agency).where(Plan.kind == "agency").first().run_sync()["agency"]
    for agency_ids, names in [
        (frozenset({agency}), frozenset({"oscb business unit manager"})),
        (frozenset(), frozenset({"OSCB Business Unit Manager", "plr panel"})),
        (frozenset(), frozenset({"Business Unit Manager"})),
        (frozenset(), frozenset({"50% OF_LEADS"})),
        (frozenset(), frozenset({"Panel"})),
    ]:
        found = asyncio.run(my_actions(agency_ids, names, TODAY))
        assert {item.action_id for item in found.actions} == _expected(agency_ids, names), names
    found = asyncio.run(my_actions(frozenset(), frozenset({"oscb business unit manager"}), TODAY))
    listed = {item.action_id for item in found.actions}
    assert first in listed and second not in listed and third not in listed
