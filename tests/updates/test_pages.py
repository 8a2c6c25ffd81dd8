"""Updating an action's RAG and progress: inline with htmx, or on its own page without."""

import re

import pytest

from tests.support.accounts import CHAIR, VIEWER, csrf_headers, sign_in
from tests.support.clock import TODAY, on_today
from tests.support.lookups import count, ids
from tracker.core.tables import AuditEvent, Update

HTMX = {"HX-Request": "true"}


def post_update(client, action, headers=None, **fields):
    data = {"rag": "amber", "progress": "Training delayed", "version": action["version"], **fields}
    return client.post(
        f"/actions/{action['id']}/update",
        data=data,
        headers={**csrf_headers(client), **(headers or {})},
        follow_redirects=False,
    )


def test_a_lead_updates_their_action_inline_and_the_row_comes_back(lead_client):
    action = ids(lead_client, "agency", "1.1")
    form = lead_client.get(f"/actions/{action['id']}/update?view=plan", headers=HTMX)
    assert form.status_code == 200
    assert '<tr id="update-' in form.text
    assert 'name="rag" value="red"' in form.text
    assert f'name="version" value="{action["version"]}"' in form.text
    response = post_update(lead_client, action, headers=HTMX, view="plan")
    assert response.status_code == 200
    assert response.text.lstrip().startswith('<tr id="action-1.1">')
    assert "Saved:" in response.text and "Amber" in response.text
    assert "Training delayed" in response.text
    assert response.headers["HX-Trigger"] == "my-actions-changed"
    page = lead_client.get(f"/actions/{action['id']}").text
    assert "Training delayed" in page
    assert "lead@example.org" in page


def test_without_javascript_the_update_page_saves_and_returns(lead_client):
    action = ids(lead_client, "agency", "1.1")
    page = lead_client.get(f"/actions/{action['id']}/update?next=/my-actions")
    assert page.status_code == 200
    assert "<h1>Update action 1.1</h1>" in page.text
    response = post_update(lead_client, action, next="/my-actions")
    assert response.status_code == 303
    assert response.headers["location"] == f"/my-actions?saved={action['id']}"
    assert "Saved:" in lead_client.get(response.headers["location"]).text


def test_an_offsite_next_is_not_followed(lead_client):
    action = ids(lead_client, "agency", "1.1")
    response = post_update(lead_client, action, next="https://evil.example/")
    assert response.headers["location"].startswith("/?saved=")


def test_invalid_updates_keep_what_was_typed_and_write_nothing(lead_client):
    action = ids(lead_client, "agency", "1.1")
    updates = count(lead_client, Update.count())
    inline = post_update(
        lead_client, action, headers=HTMX, rag="blue", progress="All done <b>now</b>"
    )
    assert inline.status_code == 200
    assert "There is a problem" in inline.text
    assert "evidence of its impact" in inline.text
    assert "All done &lt;b&gt;now&lt;/b&gt;" in inline.text
    assert re.search(r'value="blue"[^>]*checked', inline.text)
    page = post_update(lead_client, action, rag="", progress="x")
    assert page.status_code == 422
    assert "Choose a RAG status" in page.text
    assert 'href="#rag-red"' in page.text
    assert count(lead_client, Update.count()) == updates


def test_a_stale_form_is_refused_and_shows_the_other_change(lead_client):
    action = ids(lead_client, "agency", "1.1")
    assert post_update(lead_client, action, progress="Colleague's line").status_code == 303
    updates = count(lead_client, Update.count())
    stale = post_update(lead_client, action, rag="green", progress="My line")
    assert stale.status_code == 409
    assert "Someone else changed action 1.1" in stale.text
    assert "Colleague&#39;s line" in stale.text
    # Their change is told in words and dates people read, never an ISO date.
    change = stale.text.split("Their change:")[1].split("</li>")[0]
    assert re.search(r"as at \d{1,2} [A-Z][a-z]{2} \d{4}", change), change
    assert not re.search(r"\d{4}-\d{2}-\d{2}", change), change
    assert "My line" in stale.text  # what they typed is kept
    assert f'name="version" value="{action["version"] + 1}"' in stale.text
    assert count(lead_client, Update.count()) == updates
    inline = post_update(lead_client, action, headers=HTMX, rag="green", progress="My line")
    assert inline.status_code == 200 and "Someone else changed" in inline.text
    # Saving again on the version shown means "keep mine as well".
    again = post_update(
        lead_client, {**action, "version": action["version"] + 1}, rag="green", progress="My line"
    )
    assert again.status_code == 303


def test_a_lead_cannot_update_another_agencys_action_by_id(lead_client):
    other = ids(lead_client, "additional", "1.1")
    overarching = ids(lead_client, "overarching", "4.2")
    updates = count(lead_client, Update.count())
    for action in (other, overarching):
        assert lead_client.get(f"/actions/{action['id']}/update").status_code == 403
        assert post_update(lead_client, action).status_code == 403
        assert post_update(lead_client, action, headers=HTMX).status_code == 403
    assert count(lead_client, Update.count()) == updates


def test_an_update_without_the_csrf_token_is_refused(lead_client):
    action = ids(lead_client, "agency", "1.1")
    updates = count(lead_client, Update.count())
    response = lead_client.post(
        f"/actions/{action['id']}/update",
        data={"rag": "amber", "progress": "x", "version": action["version"]},
        follow_redirects=False,
    )
    assert response.status_code == 403
    assert count(lead_client, Update.count()) == updates


def test_the_plan_page_offers_update_only_on_the_leads_own_rows(lead_client):
    tvp = ids(lead_client, "agency", "1.1")
    page = lead_client.get(f"/plans/{tvp['plan']}").text
    assert page.count(">Update<span") == 13
    overarching = ids(lead_client, "overarching", "4.2")
    assert ">Update<span" not in lead_client.get(f"/plans/{overarching['plan']}").text
    past = lead_client.get(f"/plans/{tvp['plan']}?as_at=2020-06-30").text
    assert ">Update<span" not in past


def test_my_actions_lists_the_leads_actions_not_yet_updated_first(lead_client):
    page = lead_client.get("/my-actions")
    assert page.status_code == 200
    assert "<strong>13 of 13</strong>" in page.text
    action = ids(lead_client, "agency", "7.1")
    assert post_update(lead_client, action, headers=HTMX, view="my").status_code == 200
    page = lead_client.get("/my-actions").text
    assert "<strong>12 of 13</strong>" in page
    refs = re.findall(r'aria-label="Action ([\d.]+) of', page)
    assert refs[-1] == "7.1" and len(refs) == 13
    remaining = lead_client.get("/my-actions/remaining", headers=HTMX).text
    assert "<strong>12 of 13</strong>" in remaining


@pytest.mark.parametrize("email", [CHAIR, VIEWER])
def test_chairs_and_viewers_have_no_update_forms(tvp_db, serve, email):
    with serve(tvp_db) as client:
        client.post("/sign-out", headers=csrf_headers(client))
        assert sign_in(client, email).status_code == 303
        action = ids(client, "agency", "1.1")
        assert client.get("/my-actions").status_code == 403
        assert client.get(f"/actions/{action['id']}/update").status_code == 403
        assert post_update(client, action).status_code == 403
        assert ">Update<span" not in client.get(f"/plans/{action['plan']}").text


@on_today
def test_updates_reach_the_audit_trail(lead_client):
    action = ids(lead_client, "agency", "1.1")
    post_update(lead_client, action, dated="today")  # not for the open 2026-27 Q2 return
    entries = count(lead_client, AuditEvent.select().where(AuditEvent.kind == "update"))
    assert [(e["actor"], e["action_id"]) for e in entries] == [("lead@example.org", action["id"])]
    assert TODAY.date().isoformat() in entries[0]["after"]


def test_the_inline_form_keeps_the_action_and_its_last_update_in_sight(lead_client):
    action = ids(lead_client, "agency", "1.1")
    assert post_update(lead_client, action, progress="Two briefings held").status_code == 303
    row = lead_client.get(f"/actions/{action['id']}/update?view=my", headers=HTMX).text
    context = row.split('class="update-context"')[1].split("</div>\n      {")[0]
    assert "Deliver neglect briefings" in context
    assert "Last update: Amber as at" in context and "“Two briefings held”" in context
