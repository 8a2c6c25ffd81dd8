"""Escalations through the pages: of an action from its page, or of an issue of its own."""

import pytest

from tests.challenges.test_pages import become, post
from tests.support.accounts import CHAIR, TVP_LEAD, VIEWER
from tests.support.lookups import count, ids
from tracker.core.tables import AuditEvent, Escalation


def escalation_id_from(response) -> int:
    assert response.status_code == 303, response.text
    return int(response.headers["location"].split("/escalations/")[1].split("?")[0])


@pytest.fixture
def chair_client(tvp_client):
    become(tvp_client, CHAIR)
    return tvp_client


def test_an_action_is_escalated_to_masa_from_its_page_and_resolved(chair_client):
    client = chair_client
    action = ids(client, "agency", "1.1")
    form = client.get(f"/escalations/new?action={action['id']}")
    assert form.status_code == 200
    assert "Escalate action 1.1" in form.text
    assert f'name="action_id" value="{action["id"]}"' in form.text
    raised = post(
        client,
        "/escalations",
        {"action_id": action["id"], "escalated_to": "masa", "rationale": "Needs partners"},
    )
    escalation_id = escalation_id_from(raised)
    assert "Escalation recorded." in client.get(raised.headers["location"]).text
    listed = client.get("/escalations").text
    assert "1 open escalation" in listed
    assert "MASA: 1 open" in listed
    assert "OSCB Business Group: 0 open" in listed
    assert "Action 1.1:" in listed  # no issue line: the action stands in
    assert "Escalated to MASA" in client.get(f"/actions/{action['id']}").text

    resolved = post(
        client, f"/escalations/{escalation_id}/resolve", {"resolution": "Funding agreed."}
    )
    assert resolved.status_code == 303
    assert "Escalation resolved." in client.get(resolved.headers["location"]).text
    listed = client.get("/escalations").text
    assert "0 open escalations" in listed
    assert "Resolved: 1" in listed
    assert "Funding agreed." in listed
    kinds = count(
        client,
        AuditEvent.select(AuditEvent.kind, AuditEvent.action_id)
        .where(AuditEvent.kind.like("escalation-%"))
        .order_by(AuditEvent.id),
    )
    assert kinds == [
        {"kind": "escalation-raised", "action_id": action["id"]},
        {"kind": "escalation-resolved", "action_id": action["id"]},
    ]


def test_a_free_standing_issue_is_escalated_to_the_business_group(chair_client):
    page = chair_client.get("/escalations")
    assert 'href="/escalations/new"' in page.text
    raised = post(
        chair_client,
        "/escalations",
        {
            "escalated_to": "business-group",
            "issue": "Health visiting vacancies",
            "rationale": "30%",
        },
    )
    escalation_id_from(raised)
    listed = chair_client.get("/escalations?to=business-group").text
    assert "Health visiting vacancies" in listed
    assert "MASA:" not in listed
    assert "Health visiting vacancies" not in chair_client.get("/escalations?to=masa").text


def test_a_free_standing_escalation_without_an_issue_or_body_is_said_keeping_the_rationale(
    chair_client,
):
    response = post(chair_client, "/escalations", {"rationale": "Keep this rationale"})
    assert response.status_code == 422
    assert 'href="#escalated_to-business-group"' in response.text
    assert 'href="#issue"' in response.text
    assert "Choose who to escalate to: OSCB Business Group or MASA." in response.text
    assert "Keep this rationale</textarea>" in response.text
    assert count(chair_client, Escalation.count()) == 0


def test_an_issue_over_300_characters_is_refused_keeping_it(chair_client):
    issue = "x" * 301
    response = post(
        chair_client,
        "/escalations",
        {"escalated_to": "masa", "issue": issue, "rationale": "Why"},
    )
    assert response.status_code == 422
    assert "300 characters or fewer" in response.text
    assert f'value="{issue}"' in response.text


def test_resolving_twice_is_refused_with_a_message(chair_client):
    raised = post(
        chair_client, "/escalations", {"escalated_to": "masa", "issue": "I", "rationale": "R"}
    )
    escalation_id = escalation_id_from(raised)
    first = post(chair_client, f"/escalations/{escalation_id}/resolve", {"resolution": "Done"})
    assert first.status_code == 303
    again = post(chair_client, f"/escalations/{escalation_id}/resolve", {"resolution": "Again"})
    assert again.status_code == 409
    assert "This escalation was resolved by chair@example.org" in again.text
    row = count(chair_client, Escalation.select().where(Escalation.id == escalation_id).first())
    assert row["resolution"] == "Done"


def test_an_empty_resolution_is_said_next_to_the_field(chair_client):
    raised = post(
        chair_client, "/escalations", {"escalated_to": "masa", "issue": "I", "rationale": "R"}
    )
    escalation_id = escalation_id_from(raised)
    response = post(chair_client, f"/escalations/{escalation_id}/resolve", {"resolution": ""})
    assert response.status_code == 422
    assert 'href="#resolution"' in response.text
    assert 'id="resolution-error"' in response.text


def test_leads_and_viewers_see_escalations_but_cannot_raise_or_resolve(chair_client):
    raised = post(
        chair_client, "/escalations", {"escalated_to": "masa", "issue": "Seen", "rationale": "R"}
    )
    escalation_id = escalation_id_from(raised)
    for email in (TVP_LEAD, VIEWER):
        become(chair_client, email)
        assert "Seen" in chair_client.get("/escalations").text
        page = chair_client.get(f"/escalations/{escalation_id}").text
        assert "Resolve the escalation" not in page
        refused = post(chair_client, f"/escalations/{escalation_id}/resolve", {"resolution": "X"})
        assert refused.status_code == 403
    assert count(chair_client, Escalation.count()) == 1


def test_escalating_a_missing_action_is_not_found(chair_client):
    assert chair_client.get("/escalations/new?action=999999").status_code == 404
    response = post(
        chair_client,
        "/escalations",
        {"action_id": "999999", "escalated_to": "masa", "rationale": "R"},
    )
    assert response.status_code == 404
    assert count(chair_client, Escalation.count()) == 0


@pytest.mark.parametrize("path", ["/escalations", "/escalations/{escalation}/resolve"])
def test_a_post_without_the_csrf_token_is_refused_and_writes_nothing(tvp_client, path):
    raised = post(
        tvp_client, "/escalations", {"escalated_to": "masa", "issue": "I", "rationale": "R"}
    )
    escalation_id = escalation_id_from(raised)
    before = count(tvp_client, AuditEvent.count())
    data = {"escalated_to": "masa", "issue": "I", "rationale": "R", "resolution": "Done"}
    response = post(tvp_client, path.format(escalation=escalation_id), data, csrf=False)
    assert response.status_code == 403
    assert count(tvp_client, AuditEvent.count()) == before
    assert count(tvp_client, Escalation.count()) == 1
    row = count(tvp_client, Escalation.select().where(Escalation.id == escalation_id).first())
    assert row["resolved_at"] is None
