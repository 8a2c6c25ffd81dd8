"""Choosing an action's core components on its own page."""

import json

from tests.support.accounts import CHAIR, VIEWER, csrf_headers, sign_in
from tests.support.lookups import count, ids
from tracker.core.tables import ActionCoreComponent, AuditEvent


def tags_of(client, action) -> list[tuple[int, bool]]:
    rows = count(
        client,
        ActionCoreComponent.select(
            ActionCoreComponent.core_component.number.as_alias("number"),
            ActionCoreComponent.suggested,
        ).where(ActionCoreComponent.action == action["id"]),
    )
    return sorted((row["number"], row["suggested"]) for row in rows)


def tagged_entries(client) -> list[dict]:
    return count(client, AuditEvent.select().where(AuditEvent.kind == "core-components-tagged"))


def post_tags(client, action, numbers, *, version=None, headers=None):
    return client.post(
        f"/actions/{action['id']}/core-components",
        data={
            "components": [str(number) for number in numbers],
            "version": version if version is not None else action["version"],
        },
        headers=csrf_headers(client) if headers is None else headers,
        follow_redirects=False,
    )


def switch_to(client, email):
    client.post("/sign-out", headers=csrf_headers(client))
    assert sign_in(client, email).status_code == 303


def test_the_form_ticks_the_suggested_tags_and_says_they_were_suggested(tvp_client):
    action = ids(tvp_client, "agency", "7.1")
    form = tvp_client.get(f"/actions/{action['id']}/core-components")
    assert form.status_code == 200
    assert form.text.count('type="checkbox" name="components"') == 12
    assert "<legend>" in form.text
    assert 'value="7" id="component-7" checked' in form.text
    assert form.text.count(" checked") == 1
    assert "Suggested by import" in form.text


def test_saving_replaces_the_tags_confirms_them_and_is_audited(tvp_client):
    action = ids(tvp_client, "agency", "7.1")
    response = post_tags(tvp_client, action, [7, 3])
    assert response.status_code == 303
    assert response.headers["location"] == f"/actions/{action['id']}?tagged=1"
    page = tvp_client.get(response.headers["location"]).text
    assert "Core components saved." in page
    assert "Suggested by import" not in page
    assert tags_of(tvp_client, action) == [(3, False), (7, False)]
    [entry] = tagged_entries(tvp_client)
    assert entry["actor"] == "business-unit@example.org"
    assert entry["action_id"] == action["id"]
    assert json.loads(entry["before"]) == {
        "core_components": [7],
        "suggested": [7],
        "version": action["version"],
    }
    assert json.loads(entry["after"]) == {
        "core_components": [3, 7],
        "version": action["version"] + 1,
    }


def test_unticking_everything_leaves_the_action_untagged(tvp_client):
    action = ids(tvp_client, "agency", "7.1")
    assert post_tags(tvp_client, action, []).status_code == 303
    assert tags_of(tvp_client, action) == []
    assert "None tagged" in tvp_client.get(f"/actions/{action['id']}").text


def test_the_action_page_marks_suggested_tags_and_links_to_the_form(tvp_client):
    action = ids(tvp_client, "agency", "7.1")
    page = tvp_client.get(f"/actions/{action['id']}").text
    assert "Suggested by import" in page
    assert f'href="/actions/{action["id"]}/core-components"' in page
    switch_to(tvp_client, VIEWER)
    page = tvp_client.get(f"/actions/{action['id']}").text
    assert "Suggested by import" in page
    assert f'href="/actions/{action["id"]}/core-components"' not in page


def test_a_lead_tags_their_agencys_actions_but_not_another_agencys(lead_client):
    own = ids(lead_client, "agency", "7.1")
    assert post_tags(lead_client, own, [7]).status_code == 303
    assert tags_of(lead_client, own) == [(7, False)]

    csc = ids(lead_client, "additional", "2.1")
    before = tags_of(lead_client, csc)
    assert lead_client.get(f"/actions/{csc['id']}/core-components").status_code == 403
    assert post_tags(lead_client, csc, [1, 2]).status_code == 403
    assert tags_of(lead_client, csc) == before == [(7, True)]
    assert len(tagged_entries(lead_client)) == 1


def test_chairs_and_viewers_cannot_tag(tvp_client):
    action = ids(tvp_client, "agency", "7.1")
    for email in (CHAIR, VIEWER):
        switch_to(tvp_client, email)
        assert tvp_client.get(f"/actions/{action['id']}/core-components").status_code == 403
        assert post_tags(tvp_client, action, [1]).status_code == 403
    assert tags_of(tvp_client, action) == [(7, True)]


def test_a_post_without_the_csrf_token_is_refused_and_writes_nothing(tvp_client):
    action = ids(tvp_client, "agency", "7.1")
    assert post_tags(tvp_client, action, [1, 2], headers={}).status_code == 403
    assert tags_of(tvp_client, action) == [(7, True)]
    assert tagged_entries(tvp_client) == []


def test_an_unknown_component_is_said_next_to_the_field_and_the_ticks_are_kept(tvp_client):
    action = ids(tvp_client, "agency", "7.1")
    response = post_tags(tvp_client, action, [3, 13])
    assert response.status_code == 422
    assert "There is a problem" in response.text
    assert 'href="#component-1"' in response.text
    assert 'id="components-error"' in response.text
    assert "“13” is not one of them" in response.text
    assert 'value="3" id="component-3" checked' in response.text
    assert tags_of(tvp_client, action) == [(7, True)]
    assert tagged_entries(tvp_client) == []


def test_tags_chosen_on_an_old_version_are_not_saved_over_a_later_change(tvp_client):
    action = ids(tvp_client, "agency", "7.1")
    assert post_tags(tvp_client, action, [7, 10]).status_code == 303
    stale = post_tags(tvp_client, action, [1])
    assert stale.status_code == 409
    assert "Someone else changed action 7.1" in stale.text
    assert "Core components: 7 (suggested) → 7, 10" in stale.text
    assert 'value="1" id="component-1" checked' in stale.text
    assert tags_of(tvp_client, action) == [(7, False), (10, False)]


def test_saving_the_same_confirmed_tags_records_nothing(tvp_client):
    action = ids(tvp_client, "agency", "7.1")
    assert post_tags(tvp_client, action, [7]).status_code == 303
    again = post_tags(tvp_client, action, [7], version=action["version"] + 1)
    assert again.headers["location"].endswith("?unchanged=1")
    assert len(tagged_entries(tvp_client)) == 1
