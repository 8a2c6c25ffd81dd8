"""The plan-change pages: forms that keep what was typed, refusals in words, the plan and
action pages showing a withdrawn action as withdrawn."""

from tests.support.accounts import CHAIR, csrf_headers, sign_in
from tests.support.lookups import count, ids
from tracker.core.tables import Action, Objective, Plan


def tvp_objectives(client) -> list[dict]:
    return count(
        client,
        Objective.select()
        .where(Objective.plan.agency.name == "Thames Valley Police")
        .order_by(Objective.position),
    )


def post(client, path, **data):
    return client.post(path, data=data, headers=csrf_headers(client), follow_redirects=False)


def test_a_lead_adds_an_action_to_their_plan_and_sees_it_on_the_plan(lead_client):
    objective = tvp_objectives(lead_client)[0]
    plan = lead_client.get(f"/plans/{objective['plan']}")
    assert f"/plans/{objective['plan']}/actions/new?objective={objective['id']}" in plan.text
    form = lead_client.get(f"/plans/{objective['plan']}/actions/new?objective={objective['id']}")
    assert form.status_code == 200
    response = post(
        lead_client,
        f"/plans/{objective['plan']}/actions/new",
        objective=str(objective["id"]),
        ref="1.3",
        text="Brief every new officer on neglect",
        due="2021-03-31",
    )
    assert response.status_code == 303
    page = lead_client.get(response.headers["location"]).text
    assert "Action added." in page
    assert (
        "Brief every new officer on neglect" in lead_client.get(f"/plans/{objective['plan']}").text
    )


def test_a_clashing_ref_is_said_next_to_the_field_keeping_what_was_typed(lead_client):
    objective = tvp_objectives(lead_client)[0]
    response = post(
        lead_client,
        f"/plans/{objective['plan']}/actions/new",
        objective=str(objective["id"]),
        ref="1.1",
        text="Typed words kept",
    )
    assert response.status_code == 422
    assert 'id="ref-error"' in response.text
    assert "already numbered 1.1" in response.text
    assert "Typed words kept" in response.text


def test_a_stale_objective_form_is_refused_with_409_and_the_text_kept(lead_client):
    objective = tvp_objectives(lead_client)[0]
    path = f"/objectives/{objective['id']}/edit"
    first = post(
        lead_client, path, ref=objective["ref"], text="First", version=objective["version"]
    )
    assert first.status_code == 303
    stale = post(
        lead_client, path, ref=objective["ref"], text="Second", version=objective["version"]
    )
    assert stale.status_code == 409
    assert "changed by someone else" in stale.text
    assert "Second" in stale.text
    now = count(lead_client, Objective.select().where(Objective.id == objective["id"]).first())
    assert now["text"] == "First"


def test_a_withdrawn_action_is_marked_with_its_day_and_reason_and_can_be_reinstated(lead_client):
    action = ids(lead_client, "agency", "1.1")
    form = lead_client.get(f"/actions/{action['id']}/withdraw")
    assert form.status_code == 200
    response = post(
        lead_client,
        f"/actions/{action['id']}/withdraw",
        withdrawn_on="2020-08-01",
        withdrawn_reason="Merged into 1.2 by the group",
        version=action["version"],
    )
    assert response.status_code == 303
    page = lead_client.get(f"/actions/{action['id']}").text
    assert "Withdrawn</strong> on 1 Aug 2020" in page
    assert "Merged into 1.2 by the group" in page
    assert "Reinstate action 1.1" in page
    plan = lead_client.get(f"/plans/{action['plan']}").text
    assert "Withdrawn</strong> on 1 Aug 2020: Merged into 1.2 by the group" in plan
    assert "(1 more withdrawn)" in plan
    as_before = lead_client.get(f"/plans/{action['plan']}?as_at=2020-07-31").text
    assert "more withdrawn" not in as_before  # it counted until its day
    back = post(lead_client, f"/actions/{action['id']}/reinstate", version=action["version"] + 1)
    assert back.status_code == 303
    assert "Action reinstated" in lead_client.get(back.headers["location"]).text
    # Pressed again on the page as it was: refused in words, with the way back to that page.
    again = lead_client.post(
        f"/actions/{action['id']}/reinstate",
        data={"version": str(action["version"] + 1)},
        headers={
            **csrf_headers(lead_client),
            "referer": f"http://testserver.local/actions/{action['id']}",
        },
        follow_redirects=False,
    )
    assert again.status_code == 409
    assert "Action 1.1 was changed by someone else since you opened this page." in again.text
    assert f'<a href="/actions/{action["id"]}">Go back to the page you were on</a>' in again.text


def test_a_withdrawal_without_a_reason_or_in_the_future_is_refused_keeping_the_form(lead_client):
    action = ids(lead_client, "agency", "1.1")
    response = post(
        lead_client,
        f"/actions/{action['id']}/withdraw",
        withdrawn_on="2099-01-01",
        withdrawn_reason="",
        version=action["version"],
    )
    assert response.status_code == 422
    assert 'href="#withdrawn_reason"' in response.text
    assert "cannot be in the future" in response.text
    assert 'value="2099-01-01"' in response.text


def test_a_lead_may_not_change_the_overarching_plan_nor_a_chair_any(lead_client):
    overarching = count(lead_client, Plan.select(Plan.id).where(Plan.kind == "overarching").first())
    assert lead_client.get(f"/plans/{overarching['id']}/objectives/new").status_code == 403
    refused = post(lead_client, f"/plans/{overarching['id']}/objectives/new", ref="99", text="No")
    assert refused.status_code == 403
    assert "Add an objective" not in lead_client.get(f"/plans/{overarching['id']}").text
    lead_client.post("/sign-out", headers=csrf_headers(lead_client))
    sign_in(lead_client, CHAIR)
    objective = tvp_objectives(lead_client)[0]
    assert lead_client.get(f"/objectives/{objective['id']}/edit").status_code == 403
    count_before = count(lead_client, Action.count())
    refused = post(lead_client, f"/plans/{objective['plan']}/objectives/new", ref="99", text="No")
    assert refused.status_code == 403
    assert count(lead_client, Action.count()) == count_before


def test_words_that_look_like_personal_data_ask_to_be_checked_before_they_are_saved(lead_client):
    objective = tvp_objectives(lead_client)[0]
    path = f"/objectives/{objective['id']}/edit"
    text = "Learn from the case of NHS number 943 476 5919"
    asked = post(lead_client, path, ref=objective["ref"], text=text, version=objective["version"])
    assert asked.status_code == 422
    assert "personal-data-warning" in asked.text
    assert text in asked.text  # kept, to be confirmed or changed
    confirmed = post(
        lead_client,
        path,
        ref=objective["ref"],
        text=text,
        version=objective["version"],
        confirm_personal_data="yes",
    )
    assert confirmed.status_code == 303
    now = count(lead_client, Objective.select().where(Objective.id == objective["id"]).first())
    assert now["text"] == text
