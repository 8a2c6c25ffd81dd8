"""A strategy's own core components (issue 20, point 3): the business unit adds and rewords
them on /core-components for the chosen strategy; they are offered beside the shared 12 to
that strategy's pages and actions only (tests.support.two_strategies)."""

from __future__ import annotations

import json

from tests.support.accounts import CHAIR, csrf_headers, sign_in
from tests.support.lookups import count
from tests.support.two_strategies import NEW_MARK, NEW_STRATEGY, OLD_STRATEGY, STRATEGY_IDS, choose
from tracker.core import clock
from tracker.core.tables import Action, ActionCoreComponent, AuditEvent, CoreComponent, Strategy
from tracker.imports.suggestions import known_components

OWN = "Harrier: families' housing checked at every neglect referral"


def count_rows() -> int:
    return CoreComponent.count().run_sync()


def add_own(client, text=OWN, *, number="", **extra):
    return client.post(
        "/core-components",
        data={"number": number, "text": text, **extra},
        headers=csrf_headers(client),
        follow_redirects=False,
    )


def action_of(client, strategy: str) -> dict:
    """TVP's action 1.1 of that strategy, with its version."""
    return count(
        client,
        Action.select(Action.id, Action.version)
        .where(
            (Action.plan._.strategy._.name == strategy)
            & (Action.plan._.name == "Thames Valley Police")
            & (Action.ref == "1.1")
        )
        .first(),
    )


def post_tags(client, action, numbers):
    return client.post(
        f"/actions/{action['id']}/core-components",
        data={"components": [str(n) for n in numbers], "version": action["version"]},
        headers=csrf_headers(client),
        follow_redirects=False,
    )


def tags_of(client, action) -> list[int]:
    rows = count(
        client,
        ActionCoreComponent.select(ActionCoreComponent.core_component.number.as_alias("n")).where(
            ActionCoreComponent.action == action["id"]
        ),
    )
    return sorted(row["n"] for row in rows)


def _main(text: str) -> str:
    return text.split("<main", 1)[-1]


def test_the_business_unit_adds_a_component_of_the_chosen_strategy_with_the_next_number(
    two_strategies_client,
):
    client = two_strategies_client
    choose(client, NEW_STRATEGY)
    page = client.get("/core-components").text
    assert f"Components of {NEW_STRATEGY} only" in page
    assert "13, 14" in page  # the page says how own components are numbered
    answer = add_own(client)
    assert answer.status_code == 303
    assert answer.headers["location"] == "/core-components?saved=13#own"
    shown = client.get(answer.headers["location"]).text
    assert "Core component 13 saved" in shown
    assert OWN.replace("'", "&#39;") in shown
    [row] = count(client, CoreComponent.select().where(CoreComponent.number == 13))
    assert row["strategy"] == STRATEGY_IDS[NEW_STRATEGY]
    [event] = count(client, AuditEvent.select().where(AuditEvent.kind == "own-component-saved"))
    assert event["actor"] == "business-unit@example.org"
    assert json.loads(event["after"])["number"] == 13
    # The other strategy neither lists it nor numbers its own over it.
    choose(client, OLD_STRATEGY)
    assert "Harrier" not in client.get("/core-components").text
    assert add_own(client, "Osprey: schools' neglect leads meet each term").status_code == 303
    numbers = count(client, CoreComponent.select(CoreComponent.number, CoreComponent.strategy))
    assert {row["number"]: row["strategy"] for row in numbers if row["number"] > 12} == {
        13: STRATEGY_IDS[NEW_STRATEGY],
        14: STRATEGY_IDS[OLD_STRATEGY],
    }


def test_rewording_an_own_component_keeps_its_number(two_strategies_client):
    client = two_strategies_client
    choose(client, NEW_STRATEGY)
    add_own(client)
    answer = add_own(client, "Harrier: housing checked at every referral", number="13")
    assert answer.status_code == 303
    [row] = count(client, CoreComponent.select().where(CoreComponent.number == 13))
    assert row["text"] == "Harrier: housing checked at every referral"
    assert count(client, CoreComponent.count()) == 13


def test_the_shared_components_cannot_be_reworded_here(two_strategies_client):
    client = two_strategies_client
    choose(client, NEW_STRATEGY)
    answer = add_own(client, "Something else", number="3")
    assert answer.status_code == 422
    assert "one of this strategy" in answer.text
    assert count(client, CoreComponent.count().where(CoreComponent.text == "Something else")) == 0


def test_a_problem_is_shown_next_to_the_wording_keeping_what_was_typed(two_strategies_client):
    client = two_strategies_client
    choose(client, NEW_STRATEGY)
    add_own(client)
    again = add_own(client, OWN.upper())
    assert again.status_code == 422
    assert "already has a core component with this wording" in again.text
    assert 'id="text-error"' in again.text
    assert OWN.upper().replace("'", "&#39;") + "</textarea>" in again.text
    assert add_own(client, "   ").status_code == 422
    assert count(client, CoreComponent.count()) == 13


def test_wording_that_may_identify_someone_is_saved_only_once_confirmed(two_strategies_client):
    client = two_strategies_client
    choose(client, NEW_STRATEGY)
    text = "Ring the duty desk on 01865 123456"
    warned = add_own(client, text)
    assert warned.status_code == 422
    assert "Check this text does not identify anyone" in warned.text
    assert count(client, CoreComponent.count()) == 12
    assert add_own(client, text, confirm_personal_data="yes").status_code == 303
    assert count(client, CoreComponent.count()) == 13


def test_a_closed_strategy_gets_no_new_components(two_strategies_client):
    client = two_strategies_client
    choose(client, OLD_STRATEGY)
    count(
        client,
        Strategy.update(
            {Strategy.closed_at: clock.now(), Strategy.closed_by: "bu@example.org"}
        ).where(Strategy.id == STRATEGY_IDS[OLD_STRATEGY]),
    )
    assert "Save the component" not in client.get("/core-components").text
    answer = add_own(client)
    assert answer.status_code == 409
    assert count(client, CoreComponent.count()) == 12


def test_only_the_business_unit_adds_components(two_strategies_client):
    client = two_strategies_client
    client.post("/sign-out", headers=csrf_headers(client))
    assert sign_in(client, CHAIR).status_code == 303
    assert "Save the component" not in client.get("/core-components").text
    assert add_own(client).status_code == 403
    assert count(client, CoreComponent.count()) == 12


def test_own_components_are_offered_to_the_chosen_strategy_alone(two_strategies_client):
    client = two_strategies_client
    choose(client, NEW_STRATEGY)
    add_own(client)
    for strategy, offered in ((NEW_STRATEGY, True), (OLD_STRATEGY, False)):
        choose(client, strategy)
        coverage = _main(client.get("/coverage?as_at=2024-06-30").text)
        assert ("Harrier" in coverage) is offered, strategy
        review = _main(client.get("/review?as_at=2024-06-30").text)
        assert ('<option value="13">13. Harrier' in review) is offered, strategy
        action = action_of(client, strategy)
        form = client.get(f"/actions/{action['id']}/core-components").text
        assert ('value="13"' in form) is offered, strategy
        assert form.count('type="checkbox" name="components"') == (13 if offered else 12)


def test_an_action_is_not_tagged_with_another_strategys_own_component(two_strategies_client):
    client = two_strategies_client
    choose(client, NEW_STRATEGY)
    add_own(client)
    old = action_of(client, OLD_STRATEGY)
    before = tags_of(client, old)
    refused = post_tags(client, old, [2, 13])
    assert refused.status_code == 422
    assert "“13” is not one of them" in refused.text
    assert tags_of(client, old) == before
    new = action_of(client, NEW_STRATEGY)
    assert (
        NEW_MARK
        in count(client, Action.select(Action.text).where(Action.id == new["id"]).first())["text"]
    )
    assert post_tags(client, new, [2, 13]).status_code == 303
    assert tags_of(client, new) == [2, 13]


def test_an_import_suggests_from_its_strategys_components_alone(two_strategies_client):
    client = two_strategies_client
    choose(client, NEW_STRATEGY)
    add_own(client)
    with client.portal() as portal:
        new = portal.call(known_components, STRATEGY_IDS[NEW_STRATEGY])
        old = portal.call(known_components, STRATEGY_IDS[OLD_STRATEGY])
    assert [component.number for component in new] == list(range(1, 14))
    assert [component.number for component in old] == list(range(1, 13))


def test_three_business_unit_officers_adding_at_once_get_three_numbers(tvp_db):
    """Each add reads the highest number then takes the next: at once, on PostgreSQL too,
    they queue, so all three are saved, numbered 13, 14 and 15, none refused."""
    import asyncio

    from tracker.accounts.sessions import SignedIn
    from tracker.core.roles import Role
    from tracker.plans.own_components import NEW, OwnComponentForm, save_own_component

    officer = SignedIn(1, "bu@example.org", "", Role.BUSINESS_UNIT, frozenset())
    strategy_id = Strategy.select(Strategy.id).first().run_sync()["id"]

    async def at_once():
        return await asyncio.gather(
            *(
                save_own_component(
                    strategy_id, OwnComponentForm(NEW, f"Own component {n}"), person=officer
                )
                for n in range(3)
            ),
            return_exceptions=True,
        )

    numbers = asyncio.run(at_once())
    assert sorted(numbers) == [13, 14, 15], numbers
    assert count_rows() == 15
