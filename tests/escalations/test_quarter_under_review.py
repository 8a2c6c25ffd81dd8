"""Challenges and escalations are raised for a quarter under review, and its reports hold them.

On 10 Nov 2026 (2026-27 Q3) the chairs are reading 2026-27 Q2's returns: the forms offer
Q2 (chosen) and Q3, and what is raised for Q2 is in Q2's reports, not Q3's.
"""

import pytest

from tests.challenges.test_pages import become, post
from tests.escalations.test_pages import escalation_id_from
from tests.support.accounts import CHAIR
from tests.support.clock import on_today
from tests.support.lookups import count, ids
from tracker.core.tables import Challenge, Escalation

pytestmark = on_today


@pytest.fixture
def chair_client(tvp_client):
    become(tvp_client, CHAIR)
    return tvp_client


def test_the_escalation_form_offers_the_quarter_being_collected_first_and_this_one(chair_client):
    page = chair_client.get("/escalations/new").text
    assert "Quarter under review" in page
    assert 'id="quarter-2026-27-Q2" name="quarter" value="2026-27-Q2" checked' in page
    assert 'id="quarter-2026-27-Q3" name="quarter" value="2026-27-Q3" aria-' in page
    assert "2026-27-Q1" not in page


def test_an_escalation_raised_in_q3_for_q2_is_raised_in_q2s_masa_report(chair_client):
    raised = post(
        chair_client,
        "/escalations",
        {
            "escalated_to": "masa",
            "issue": "Health visiting vacancies",
            "rationale": "Caseloads",
            "quarter": "2026-27-Q2",
        },
    )
    escalation_id = escalation_id_from(raised)
    page = chair_client.get(f"/escalations/{escalation_id}").text
    assert "<dt>Quarter under review</dt><dd>2026-27 Q2</dd>" in page
    row = count(chair_client, Escalation.select().where(Escalation.id == escalation_id).first())
    assert row["quarter"] == "2026-27-Q2"
    q2 = chair_client.get("/reports/2026-27-Q2/masa.json").json()
    assert [e["title"] for e in q2["escalations"]] == ["Health visiting vacancies"]
    assert q2["escalations"][0]["state"] == "raised"
    q3 = chair_client.get("/reports/2026-27-Q3/masa.json").json()
    assert [e["state"] for e in q3["escalations"]] == ["open"]  # from an earlier quarter
    q1 = chair_client.get("/reports/2026-27-Q1/masa.json").json()
    assert q1["escalations"] == []


def test_left_to_the_default_an_escalation_is_for_the_quarter_being_collected(chair_client):
    raised = post(
        chair_client, "/escalations", {"escalated_to": "masa", "issue": "I", "rationale": "R"}
    )
    escalation_id = escalation_id_from(raised)
    row = count(chair_client, Escalation.select().where(Escalation.id == escalation_id).first())
    assert row["quarter"] == "2026-27-Q2"


@pytest.mark.parametrize("asked", ["2026-27-Q1", "2026-27-Q4", "2020-21-Q2", "Q2", "2026-27-Q9"])
def test_a_quarter_not_offered_is_refused_next_to_the_field_keeping_the_text(chair_client, asked):
    response = post(
        chair_client,
        "/escalations",
        {"escalated_to": "masa", "issue": "Kept issue", "rationale": "R", "quarter": asked},
    )
    assert response.status_code == 422
    assert 'href="#quarter-2026-27-Q2"' in response.text
    assert "Choose the quarter under review: 2026-27 Q2 or 2026-27 Q3." in response.text
    assert 'value="Kept issue"' in response.text
    assert count(chair_client, Escalation.count()) == 0


def test_a_challenge_raised_for_q2_shows_its_quarter_and_is_in_q2s_report(chair_client):
    action = ids(chair_client, "agency", "1.1")
    form = chair_client.get(f"/actions/{action['id']}/challenges/new").text
    assert 'value="2026-27-Q2" checked' in form
    raised = post(
        chair_client,
        f"/actions/{action['id']}/challenges",
        {"question": "Why amber?", "reply_wanted_by": "2026-11-24", "quarter": "2026-27-Q2"},
    )
    assert raised.status_code == 303, raised.text
    page = chair_client.get(raised.headers["location"]).text
    assert "<dt>Quarter under review</dt><dd>2026-27 Q2</dd>" in page
    q2 = chair_client.get("/reports/2026-27-Q2/business-group.json").json()
    assert [c["question"] for c in q2["challenges"]] == ["Why amber?"]
    q1 = chair_client.get("/reports/2026-27-Q1/business-group.json").json()
    assert q1["challenges"] == []


def test_a_challenge_for_a_quarter_not_offered_is_refused_and_nothing_saved(chair_client):
    action = ids(chair_client, "agency", "1.1")
    response = post(
        chair_client,
        f"/actions/{action['id']}/challenges",
        {"question": "Kept question", "reply_wanted_by": "2026-11-24", "quarter": "2019-20-Q1"},
    )
    assert response.status_code == 422
    assert "Choose the quarter under review" in response.text
    assert "Kept question</textarea>" in response.text
    assert count(chair_client, Challenge.count()) == 0
