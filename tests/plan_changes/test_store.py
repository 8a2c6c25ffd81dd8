"""Changing a plan's shape: versioned, audited before and after, guarded, all or nothing."""

import asyncio
import json
from datetime import date

import pytest

from tracker.accounts.sessions import SignedIn
from tracker.core.personal_data.check import PossiblePersonalData
from tracker.core.refusals import Conflict, InvalidInput, NotAllowed
from tracker.core.roles import Role
from tracker.core.tables import Action, Agency, AuditEvent, FlaggedText, Objective, Plan
from tracker.plan_changes.rules import (
    ActionWordingForm,
    NewActionForm,
    ObjectiveForm,
    WithdrawForm,
)
from tracker.plan_changes.store import (
    StaleChange,
    add_action,
    add_objective,
    change_objective,
    reword_action,
)
from tracker.plan_changes.withdrawal import reinstate_action, withdraw_action
from tracker.updates.rules import UpdateForm
from tracker.updates.store import record_update

TODAY = date(2020, 10, 15)
BUSINESS_UNIT = SignedIn(1, "bu@example.org", "", Role.BUSINESS_UNIT, frozenset())


def tvp_plan() -> dict:
    return (
        Plan.select(Plan.id, Plan.agency)
        .where(Plan.agency.name == "Thames Valley Police")
        .first()
        .run_sync()
    )


def objectives_of(plan_id: int) -> list[dict]:
    return (
        Objective.select().where(Objective.plan == plan_id).order_by(Objective.position).run_sync()
    )


def actions_of(plan_id: int) -> list[dict]:
    return Action.select().where(Action.plan == plan_id).order_by(Action.position).run_sync()


def audit(kind: str) -> list[dict]:
    return AuditEvent.select().where(AuditEvent.kind == kind).order_by(AuditEvent.id).run_sync()


def snapshot() -> tuple:
    return (
        AuditEvent.count().run_sync(),
        sorted(repr(sorted(row.items())) for row in Action.select().run_sync()),
        sorted(repr(sorted(row.items())) for row in Objective.select().run_sync()),
    )


def run(coroutine):
    return asyncio.run(coroutine)


def test_the_business_unit_adds_an_objective_and_an_action_in_natural_order(tvp_db):
    plan = tvp_plan()
    first = objectives_of(plan["id"])[0]
    new = run(
        add_objective(
            plan["id"], ObjectiveForm(ref="3", text="Hear the child"), person=BUSINESS_UNIT
        )
    )
    refs = [row["ref"] for row in objectives_of(plan["id"])]
    assert refs == ["1", "2", "3", "4", "7", "8", "9", "10", "11"]  # natural, not "10" < "2"
    assert objectives_of(plan["id"])[2]["id"] == new
    action_id = run(
        add_action(
            plan["id"],
            NewActionForm(
                ref=f"{first['ref']}.99",
                text="Train every response officer",
                objective=str(first["id"]),
                lead="Neglect lead",
                due="2021-03-31",
            ),
            person=BUSINESS_UNIT,
        )
    )
    mine = [row for row in actions_of(plan["id"]) if row["objective"] == first["id"]]
    assert mine[-1]["id"] == action_id
    added = Action.select().where(Action.id == action_id).first().run_sync()
    assert (added["version"], added["lead"], added["due"]) == (1, "Neglect lead", date(2021, 3, 31))
    assert added["created_at"] is not None
    [entry] = audit("action-added")
    assert entry["action_id"] == action_id
    assert json.loads(entry["after"])["text"] == "Train every response officer"
    assert json.loads(entry["before"]) == {}
    assert len(audit("objective-added")) == 1


def test_rewording_an_objective_bumps_its_version_and_audits_before_and_after(tvp_db):
    objective = objectives_of(tvp_plan()["id"])[0]
    run(
        change_objective(
            objective["id"],
            ObjectiveForm(ref=objective["ref"], text="Reworded by the group"),
            version=objective["version"],
            person=BUSINESS_UNIT,
        )
    )
    after = Objective.select().where(Objective.id == objective["id"]).first().run_sync()
    assert (after["text"], after["version"]) == ("Reworded by the group", objective["version"] + 1)
    [entry] = audit("objective-changed")
    assert json.loads(entry["before"]) == {
        "text": objective["text"],
        "objective_id": objective["id"],
        "version": objective["version"],
    }
    assert json.loads(entry["after"])["text"] == "Reworded by the group"


def test_a_stale_objective_form_is_refused_and_writes_nothing(tvp_db):
    objective = objectives_of(tvp_plan()["id"])[0]
    form = ObjectiveForm(ref=objective["ref"], text="First")
    run(change_objective(objective["id"], form, version=objective["version"], person=BUSINESS_UNIT))
    before = snapshot()
    with pytest.raises(StaleChange) as stale:
        run(
            change_objective(
                objective["id"],
                ObjectiveForm(ref=objective["ref"], text="Second"),
                version=objective["version"],
                person=BUSINESS_UNIT,
            )
        )
    assert stale.value.status_code == 409
    assert "changed by someone else" in str(stale.value)
    assert snapshot() == before


def test_a_ref_another_action_of_the_plan_uses_is_refused_next_to_the_field(tvp_db):
    first, second = actions_of(tvp_plan()["id"])[:2]
    before = snapshot()
    with pytest.raises(InvalidInput) as clash:
        run(
            reword_action(
                second["id"],
                ActionWordingForm(
                    ref=first["ref"], text=second["text"], objective=str(second["objective"])
                ),
                version=second["version"],
                person=BUSINESS_UNIT,
            )
        )
    assert f"already numbered {first['ref']}" in clash.value.problems["ref"]
    assert snapshot() == before


def test_an_action_moves_to_another_objective_of_its_plan_but_not_of_another_plan(tvp_db):
    plan = tvp_plan()
    objectives = objectives_of(plan["id"])
    action = next(row for row in actions_of(plan["id"]) if row["objective"] == objectives[0]["id"])
    other_plan = Plan.select(Plan.id).where(Plan.kind == "overarching").first().run_sync()
    elsewhere = objectives_of(other_plan["id"])[0]
    before = snapshot()
    with pytest.raises(InvalidInput) as refused:
        run(
            reword_action(
                action["id"],
                ActionWordingForm(
                    ref=action["ref"], text=action["text"], objective=str(elsewhere["id"])
                ),
                version=action["version"],
                person=BUSINESS_UNIT,
            )
        )
    assert "this plan's objectives" in refused.value.problems["objective"]
    assert snapshot() == before
    run(
        reword_action(
            action["id"],
            ActionWordingForm(
                ref=action["ref"], text=action["text"], objective=str(objectives[1]["id"])
            ),
            version=action["version"],
            person=BUSINESS_UNIT,
        )
    )
    moved = Action.select().where(Action.id == action["id"]).first().run_sync()
    assert (moved["objective"], moved["version"]) == (objectives[1]["id"], action["version"] + 1)
    [entry] = audit("action-reworded")
    assert json.loads(entry["before"])["objective"] == f"Objective {objectives[0]['ref']}"
    assert json.loads(entry["after"])["objective"] == f"Objective {objectives[1]['ref']}"


def test_text_that_looks_like_personal_data_is_refused_unless_confirmed_then_flagged(tvp_db):
    action = actions_of(tvp_plan()["id"])[0]
    form = WithdrawForm(withdrawn_reason="Jane Smith (DOB 01/02/2015) moved away")
    before = snapshot()
    with pytest.raises(PossiblePersonalData):
        run(
            withdraw_action(
                action["id"], form, version=action["version"], person=BUSINESS_UNIT, today=TODAY
            )
        )
    assert snapshot() == before
    run(
        withdraw_action(
            action["id"],
            form,
            version=action["version"],
            person=BUSINESS_UNIT,
            today=TODAY,
            confirmed=True,
        )
    )
    [flag] = FlaggedText.select().run_sync()
    assert (flag["record_table"], flag["record_id"], flag["field"]) == (
        "action",
        action["id"],
        "withdrawn_reason",
    )


def test_withdrawing_and_reinstating_are_versioned_and_audited(tvp_db):
    action = actions_of(tvp_plan()["id"])[0]
    run(
        withdraw_action(
            action["id"],
            WithdrawForm(withdrawn_on="2020-10-01", withdrawn_reason="Merged into 1.2"),
            version=action["version"],
            person=BUSINESS_UNIT,
            today=TODAY,
        )
    )
    withdrawn = Action.select().where(Action.id == action["id"]).first().run_sync()
    assert (
        withdrawn["withdrawn_on"],
        withdrawn["withdrawn_reason"],
        withdrawn["withdrawn_by"],
    ) == (
        date(2020, 10, 1),
        "Merged into 1.2",
        "bu@example.org",
    )
    [entry] = audit("action-withdrawn")
    assert json.loads(entry["before"])["withdrawn_on"] is None
    assert json.loads(entry["after"])["withdrawn_on"] == "2020-10-01"
    run(reinstate_action(action["id"], version=action["version"] + 1, person=BUSINESS_UNIT))
    back = Action.select().where(Action.id == action["id"]).first().run_sync()
    assert (back["withdrawn_on"], back["version"]) == (None, action["version"] + 2)
    [entry] = audit("action-reinstated")
    assert json.loads(entry["before"])["withdrawn_reason"] == "Merged into 1.2"


def test_a_lead_changes_their_own_agencys_plan_only(tvp_db):
    plan = tvp_plan()
    tvp = Agency.select(Agency.id).where(Agency.name == "Thames Valley Police").first().run_sync()
    lead = SignedIn(5, "lead@example.org", "", Role.LEAD, frozenset({tvp["id"]}))
    run(add_objective(plan["id"], ObjectiveForm(ref="5", text="Police's own"), person=lead))
    overarching = Plan.select(Plan.id).where(Plan.kind == "overarching").first().run_sync()
    before = snapshot()
    with pytest.raises(NotAllowed):
        run(
            add_objective(
                overarching["id"], ObjectiveForm(ref="99", text="Not theirs"), person=lead
            )
        )
    assert snapshot() == before


def test_two_people_withdrawing_at_once_one_wins_and_one_is_told(tvp_db):
    action = actions_of(tvp_plan()["id"])[0]

    async def both():
        return await asyncio.gather(
            *(
                withdraw_action(
                    action["id"],
                    WithdrawForm(withdrawn_reason=f"Reason {n}"),
                    version=action["version"],
                    person=BUSINESS_UNIT,
                    today=TODAY,
                )
                for n in range(3)
            ),
            return_exceptions=True,
        )

    outcomes = run(both())
    stale = [outcome for outcome in outcomes if isinstance(outcome, StaleChange)]
    assert (len(stale), outcomes.count(None)) == (2, 1), outcomes
    assert len(audit("action-withdrawn")) == 1


def test_two_people_adding_the_same_ref_at_once_one_wins(tvp_db):
    plan = tvp_plan()

    async def both():
        return await asyncio.gather(
            *(
                add_objective(
                    plan["id"], ObjectiveForm(ref="42", text=f"Writer {n}"), person=BUSINESS_UNIT
                )
                for n in range(3)
            ),
            return_exceptions=True,
        )

    outcomes = run(both())
    refused = [outcome for outcome in outcomes if isinstance(outcome, InvalidInput)]
    assert len(refused) == 2, outcomes
    assert (
        Objective.count().where((Objective.plan == plan["id"]) & (Objective.ref == "42")).run_sync()
        == 1
    )


def test_a_withdrawn_action_takes_no_update_until_it_is_reinstated(tvp_db):
    action = actions_of(tvp_plan()["id"])[0]
    run(
        withdraw_action(
            action["id"],
            WithdrawForm(withdrawn_reason="Dropped"),
            version=action["version"],
            person=BUSINESS_UNIT,
            today=TODAY,
        )
    )
    form = UpdateForm(rag="green", progress="Still going")
    with pytest.raises(Conflict) as refused:
        run(record_update(action["id"], form, version=action["version"] + 1, person=BUSINESS_UNIT))
    assert "was withdrawn on" in str(refused.value)
    run(reinstate_action(action["id"], version=action["version"] + 1, person=BUSINESS_UNIT))
    recorded = run(
        record_update(action["id"], form, version=action["version"] + 2, person=BUSINESS_UNIT)
    )
    assert recorded.state.version == action["version"] + 3


def test_renumbering_keeps_the_refs_natural_order(tvp_db):
    plan = tvp_plan()
    last = objectives_of(plan["id"])[-1]  # objective 11
    run(
        change_objective(
            last["id"],
            ObjectiveForm(ref="3", text=last["text"]),
            version=last["version"],
            person=BUSINESS_UNIT,
        )
    )
    refs = [row["ref"] for row in objectives_of(plan["id"])]
    assert refs == ["1", "2", "3", "4", "7", "8", "9", "10"]
    # Its actions follow it, in their own refs' order: 11.1 and 11.2 now sit after 2.2.
    ordered = [row["ref"] for row in actions_of(plan["id"])]
    assert ordered.index("11.1") == ordered.index("2.2") + 1
    action = tvp_action_by_ref(plan["id"], "1.2")
    run(
        reword_action(
            action["id"],
            ActionWordingForm(ref="1.0", text=action["text"], objective=str(action["objective"])),
            version=action["version"],
            person=BUSINESS_UNIT,
        )
    )
    assert [row["ref"] for row in actions_of(plan["id"])][:2] == ["1.0", "1.1"]


def tvp_action_by_ref(plan_id: int, ref: str) -> dict:
    return Action.select().where((Action.plan == plan_id) & (Action.ref == ref)).first().run_sync()
