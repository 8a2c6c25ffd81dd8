"""The actions read for reminders: who may update them first, then only the actions of
the scopes (agency and lead cell) some active lead may update."""

import asyncio

import pytest

from tests.reminders.conftest import TODAY, tvp_action_id
from tracker.core.permissions import ActionScope, Updater
from tracker.core.roles import Role
from tracker.core.tables import Action, Agency
from tracker.reminders import recipients
from tracker.reminders.recipients import Lead, _candidates, _scopes, _wanted

TITLE = "DI Neglect; Health lead"


async def _agency(name: str) -> int:
    [row] = await Agency.select(Agency.id).where(Agency.name == name)
    return int(row["id"])


@pytest.mark.parametrize("named_at_once", [500, 0], ids=["named", "too many to name"])
def test_only_the_actions_of_scopes_some_lead_may_update_are_read(
    reminders_db, monkeypatch, named_at_once
):
    """One lead of Oxford Health holding TVP action 2.2's title: of TVP's actions, only 2.2
    is read; every one of Oxford Health's is."""
    monkeypatch.setattr(recipients, "_NAMED_AT_ONCE", named_at_once)

    async def read():
        await Action.update({Action.lead: TITLE}).where(Action.id == await tvp_action_id("2.2"))
        health = await _agency("Oxford Health, NHS Foundation Trust")
        lead = Lead(
            "h@example.org", "H", Updater(Role.LEAD, frozenset({health}), frozenset({"di neglect"}))
        )
        scopes = await _scopes(TODAY)
        scopes_of, wanted = _wanted((lead,), scopes)
        return (
            health,
            scopes,
            scopes_of[lead.email],
            await _candidates(TODAY),
            await _candidates(TODAY, wanted),
        )

    health, scopes, theirs, every, only = asyncio.run(read())
    assert len(scopes) == len(set(scopes)) and set(scopes) == set(every)  # each scope once
    tvp = asyncio.run(_agency("Thames Valley Police"))
    assert ActionScope(tvp, TITLE) in theirs
    assert {scope.agency_id for scope in theirs} <= {tvp, health}
    assert set(only) == set(theirs)
    assert all(only[scope] == every[scope] for scope in theirs)
    assert [row["id"] for row in only[ActionScope(tvp, TITLE)]] == [
        asyncio.run(tvp_action_id("2.2"))
    ]


def test_no_scope_wanted_reads_nothing(reminders_db):
    _, wanted = _wanted((), [])
    assert asyncio.run(_candidates(TODAY, wanted)) == {}
