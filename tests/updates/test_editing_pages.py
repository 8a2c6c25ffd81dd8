"""Editing an action's lead, time-frame and due date, and seeing every edit."""

from tests.support.accounts import VIEWER, csrf_headers, sign_in
from tests.support.lookups import count, ids
from tracker.core.tables import Action, AuditEvent


def post_edit(client, action, **fields):
    data = {"lead": "DCI Public Protection", "timeframe": "By March 2021", "due": "2021-03-31"}
    return client.post(
        f"/actions/{action['id']}/edit",
        data={**data, "version": action["version"], **fields},
        headers=csrf_headers(client),
        follow_redirects=False,
    )


def test_a_lead_edits_details_and_the_action_page_shows_before_and_after(lead_client):
    action = ids(lead_client, "agency", "1.1")
    form = lead_client.get(f"/actions/{action['id']}/edit")
    assert form.status_code == 200
    assert 'value="DCI Public Protection"' in form.text
    response = post_edit(lead_client, action)
    assert response.status_code == 303
    page = lead_client.get(response.headers["location"]).text
    assert "Details saved." in page
    assert "31 Mar 2021" in page  # the new due date, and the edit's 'after'
    assert "30 Sep 2020" in page  # the due date before the edit
    assert "lead@example.org" in page
    [entry] = count(lead_client, AuditEvent.select().where(AuditEvent.kind == "edit"))
    assert entry["actor"] == "lead@example.org"


def test_an_edit_on_an_old_version_is_refused_with_the_other_change(lead_client):
    action = ids(lead_client, "agency", "1.1")
    assert post_edit(lead_client, action, lead="Head of Safeguarding Policy").status_code == 303
    stale = post_edit(lead_client, action, lead="Someone else")
    assert stale.status_code == 409
    assert "Someone else changed action 1.1" in stale.text
    assert 'value="Someone else"' in stale.text
    lead = count(lead_client, Action.select(Action.lead).where(Action.id == action["id"]).first())
    assert lead["lead"] == "Head of Safeguarding Policy"


def test_a_bad_due_date_is_said_and_nothing_changes(lead_client):
    action = ids(lead_client, "agency", "1.1")
    response = post_edit(lead_client, action, due="31/03/2021", lead="Changed")
    assert response.status_code == 422
    assert 'href="#due"' in response.text
    assert 'value="Changed"' in response.text
    assert count(lead_client, AuditEvent.count().where(AuditEvent.kind == "edit")) == 0


def test_saving_unchanged_details_records_nothing(lead_client):
    action = ids(lead_client, "agency", "1.1")
    now = count(lead_client, Action.select().where(Action.id == action["id"]).first())
    response = post_edit(
        lead_client,
        action,
        lead=now["lead"],
        timeframe=now["timeframe"] or "",
        due=now["due"].isoformat() if now["due"] else "",
    )
    assert response.headers["location"].endswith("?unchanged=1")
    assert "Nothing changed" in lead_client.get(response.headers["location"]).text
    assert count(lead_client, AuditEvent.count().where(AuditEvent.kind == "edit")) == 0
    assert (
        count(lead_client, Action.select(Action.version).where(Action.id == action["id"]).first())[
            "version"
        ]
        == action["version"]
    )


def test_others_actions_and_viewers_cannot_be_edited(lead_client):
    other = ids(lead_client, "overarching", "4.2")
    assert lead_client.get(f"/actions/{other['id']}/edit").status_code == 403
    assert post_edit(lead_client, other).status_code == 403
    assert (
        ">Edit lead, time-frame or due date<" not in lead_client.get(f"/actions/{other['id']}").text
    )
    lead_client.post("/sign-out", headers=csrf_headers(lead_client))
    sign_in(lead_client, VIEWER)
    mine = ids(lead_client, "agency", "1.1")
    assert post_edit(lead_client, mine).status_code == 403
    assert count(lead_client, AuditEvent.count().where(AuditEvent.kind == "edit")) == 0
