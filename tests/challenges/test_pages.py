"""Challenges through the pages: a chair raises one, the lead replies, the chair closes it."""

from datetime import timedelta

import pytest

from tests.support.accounts import CHAIR, TVP_LEAD, VIEWER, csrf_headers, sign_in
from tests.support.clock import TODAY, on_today
from tests.support.lookups import count, ids
from tracker.core.tables import AuditEvent, Challenge

# Reply-by days are checked against the tracker's today: every test here runs on TODAY.
pytestmark = on_today
IN_A_FORTNIGHT = (TODAY.date() + timedelta(days=14)).isoformat()


def become(client, email: str) -> None:
    client.post("/sign-out", headers=csrf_headers(client))
    assert sign_in(client, email).status_code == 303


def post(client, path: str, data: dict, *, csrf: bool = True):
    headers = csrf_headers(client) if csrf else {}
    return client.post(path, data=data, headers=headers, follow_redirects=False)


def raise_challenge(client, action_id: int, question="Why is this amber?", wanted=IN_A_FORTNIGHT):
    return post(
        client,
        f"/actions/{action_id}/challenges",
        {"question": question, "reply_wanted_by": wanted},
    )


def challenge_id_from(response) -> int:
    assert response.status_code == 303, response.text
    location = response.headers["location"]
    return int(location.split("/challenges/")[1].split("?")[0])


@pytest.fixture
def chair_client(tvp_client):
    become(tvp_client, CHAIR)
    return tvp_client


def test_a_challenge_is_raised_answered_on_my_actions_and_closed(chair_client):
    client = chair_client
    action = ids(client, "agency", "1.1")
    form = client.get(f"/actions/{action['id']}/challenges/new")
    assert form.status_code == 200
    assert "Challenge the lead of action 1.1" in form.text
    raised = raise_challenge(client, action["id"])
    challenge_id = challenge_id_from(raised)
    page = client.get(raised.headers["location"]).text
    assert "Challenge sent to the lead." in page
    assert "Awaiting reply" in page

    become(client, TVP_LEAD)
    mine = client.get("/my-actions").text
    assert "Challenges for you: 1 awaiting your reply" in mine
    assert "Why is this amber?" in mine
    assert f'action="/challenges/{challenge_id}/reply"' in mine
    replied = post(client, f"/challenges/{challenge_id}/reply", {"reply": "Training moved."})
    assert replied.status_code == 303
    assert "Reply sent." in client.get(replied.headers["location"]).text
    assert "Challenges for you" not in client.get("/my-actions").text

    become(client, CHAIR)
    listed = client.get("/challenges").text
    assert "1 open challenge" in listed
    assert "Training moved." in listed
    assert "Answered" in listed
    closed = post(client, f"/challenges/{challenge_id}/close", {"closing_note": "Satisfied."})
    assert closed.status_code == 303
    assert "Challenge closed." in client.get(closed.headers["location"]).text
    assert "0 open challenges" in client.get("/challenges").text
    assert "Satisfied." in client.get("/challenges?show=closed").text
    kinds = count(
        client,
        AuditEvent.select(AuditEvent.kind)
        .where(AuditEvent.kind.like("challenge-%"))
        .order_by(AuditEvent.id),
    )
    assert [row["kind"] for row in kinds] == [
        "challenge-raised",
        "challenge-answered",
        "challenge-closed",
    ]


def test_the_action_page_lists_its_challenges_and_offers_chairs_the_ways_to_raise_them(
    chair_client,
):
    action = ids(chair_client, "agency", "1.1")
    raise_challenge(chair_client, action["id"], question="Where is the audit?")
    page = chair_client.get(f"/actions/{action['id']}").text
    assert "Where is the audit?" in page
    assert "Awaiting reply" in page
    assert f'href="/actions/{action["id"]}/challenges/new"' in page
    assert f'href="/escalations/new?action={action["id"]}"' in page
    become(chair_client, VIEWER)
    seen = chair_client.get(f"/actions/{action['id']}").text
    assert "Where is the audit?" in seen
    assert "/challenges/new" not in seen


def test_a_wanted_by_date_in_the_past_is_said_next_to_the_field_keeping_the_question(
    chair_client,
):
    action = ids(chair_client, "agency", "1.1")
    yesterday = (TODAY.date() - timedelta(days=1)).isoformat()
    response = raise_challenge(
        chair_client, action["id"], question="Keep <this> text", wanted=yesterday
    )
    assert response.status_code == 422
    assert "There is a problem" in response.text
    assert 'href="#reply_wanted_by"' in response.text
    assert "cannot be in the past" in response.text
    assert "Keep &lt;this&gt; text</textarea>" in response.text
    assert f'value="{yesterday}"' in response.text
    assert count(chair_client, Challenge.count()) == 0


def test_an_empty_reply_is_said_and_the_challenge_stays_awaiting(chair_client):
    action = ids(chair_client, "agency", "1.1")
    challenge_id = challenge_id_from(raise_challenge(chair_client, action["id"]))
    become(chair_client, TVP_LEAD)
    response = post(chair_client, f"/challenges/{challenge_id}/reply", {"reply": "  "})
    assert response.status_code == 422
    assert 'href="#reply"' in response.text
    assert "Write your reply to the challenge." in response.text
    row = count(chair_client, Challenge.select().where(Challenge.id == challenge_id).first())
    assert row["reply"] is None


def test_a_reply_over_the_limit_keeps_what_was_typed(chair_client):
    action = ids(chair_client, "agency", "1.1")
    challenge_id = challenge_id_from(raise_challenge(chair_client, action["id"]))
    become(chair_client, TVP_LEAD)
    long_reply = "word " * 1000
    response = post(chair_client, f"/challenges/{challenge_id}/reply", {"reply": long_reply})
    assert response.status_code == 422
    assert "4,000 characters or fewer" in response.text
    assert long_reply.strip() in response.text


def test_replying_to_a_closed_challenge_is_refused_with_a_message(chair_client):
    action = ids(chair_client, "agency", "1.1")
    challenge_id = challenge_id_from(raise_challenge(chair_client, action["id"]))
    assert post(chair_client, f"/challenges/{challenge_id}/close", {}).status_code == 303
    become(chair_client, TVP_LEAD)
    response = post(chair_client, f"/challenges/{challenge_id}/reply", {"reply": "Late reply"})
    assert response.status_code == 409
    assert "This challenge was closed by chair@example.org" in response.text
    assert "Nothing was saved." in response.text


def test_closing_a_closed_challenge_is_refused_with_a_message(chair_client):
    action = ids(chair_client, "agency", "1.1")
    challenge_id = challenge_id_from(raise_challenge(chair_client, action["id"]))
    assert post(chair_client, f"/challenges/{challenge_id}/close", {}).status_code == 303
    again = post(chair_client, f"/challenges/{challenge_id}/close", {"closing_note": "Again"})
    assert again.status_code == 409
    assert "This challenge was closed by chair@example.org" in again.text
    row = count(chair_client, Challenge.select().where(Challenge.id == challenge_id).first())
    assert row["closing_note"] is None


def test_a_lead_cannot_reply_to_a_challenge_on_another_agencys_action(chair_client):
    other = ids(chair_client, "additional", "2.1")
    challenge_id = challenge_id_from(raise_challenge(chair_client, other["id"]))
    become(chair_client, TVP_LEAD)
    assert "Challenges for you" not in chair_client.get("/my-actions").text
    page = chair_client.get(f"/challenges/{challenge_id}").text
    assert "Send reply" not in page
    response = post(chair_client, f"/challenges/{challenge_id}/reply", {"reply": "Mine now"})
    assert response.status_code == 403
    row = count(chair_client, Challenge.select().where(Challenge.id == challenge_id).first())
    assert row["reply"] is None


@pytest.mark.parametrize(
    ("path", "data"),
    [
        ("/actions/{action}/challenges", {"question": "Q", "reply_wanted_by": IN_A_FORTNIGHT}),
        ("/challenges/{challenge}/reply", {"reply": "R"}),
        ("/challenges/{challenge}/close", {"closing_note": "C"}),
    ],
)
def test_a_post_without_the_csrf_token_is_refused_and_writes_nothing(tvp_client, path, data):
    action = ids(tvp_client, "agency", "1.1")
    challenge_id = challenge_id_from(raise_challenge(tvp_client, action["id"]))
    before = count(tvp_client, AuditEvent.count())
    response = post(
        tvp_client, path.format(action=action["id"], challenge=challenge_id), data, csrf=False
    )
    assert response.status_code == 403
    assert count(tvp_client, AuditEvent.count()) == before
    row = count(tvp_client, Challenge.select().where(Challenge.id == challenge_id).first())
    assert (row["reply"], row["closed_at"]) == (None, None)
    assert count(tvp_client, Challenge.count()) == 1


def test_the_list_filters_by_state_and_counts_each(chair_client):
    first = ids(chair_client, "agency", "1.1")
    second = ids(chair_client, "agency", "1.2")
    answered = challenge_id_from(raise_challenge(chair_client, first["id"], question="First?"))
    raise_challenge(chair_client, second["id"], question="Second?")
    become(chair_client, TVP_LEAD)
    post(chair_client, f"/challenges/{answered}/reply", {"reply": "Answer one"})
    become(chair_client, VIEWER)
    everything = chair_client.get("/challenges").text
    assert "2 open challenges" in everything
    assert "Awaiting reply (1)" in everything and "Answered (1)" in everything
    awaiting = chair_client.get("/challenges?show=awaiting-reply").text
    assert "Second?" in awaiting and "First?" not in awaiting
    assert "First?" in chair_client.get("/challenges?show=answered").text
    assert "Second?" in chair_client.get("/challenges?show=nonsense").text


def test_a_missing_challenge_is_not_found(tvp_client):
    assert tvp_client.get("/challenges/999999").status_code == 404
    response = post(tvp_client, "/challenges/999999/reply", {"reply": "Hello"})
    assert response.status_code == 404


def test_a_withdrawn_action_cannot_be_challenged_but_can_be_escalated(tvp_client):
    action = ids(tvp_client, "agency", "1.1")
    withdrawn = post(
        tvp_client,
        f"/actions/{action['id']}/withdraw",
        {
            "withdrawn_on": "2020-08-01",
            "withdrawn_reason": "Merged into 1.2 by the group",
            "version": action["version"],
        },
    )
    assert withdrawn.status_code == 303, withdrawn.text
    become(tvp_client, CHAIR)
    page = tvp_client.get(f"/actions/{action['id']}").text
    assert f'href="/actions/{action["id"]}/challenges/new"' not in page
    assert f'href="/escalations/new?action={action["id"]}"' in page
    form = tvp_client.get(f"/actions/{action['id']}/challenges/new").text
    assert "was withdrawn on 1 Aug 2020" in form and "cannot be challenged" in form
    assert 'name="question"' not in form
    before = count(tvp_client, Challenge.count())
    refused = raise_challenge(tvp_client, action["id"], question="Why was this dropped?")
    assert refused.status_code == 409
    assert "cannot be challenged" in refused.text and "Nothing was sent." in refused.text
    assert count(tvp_client, Challenge.count()) == before
