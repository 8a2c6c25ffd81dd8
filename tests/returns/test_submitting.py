"""Issue 15: submitting asks for confirmation and takes a cover note; a submitted return can
be withdrawn until a chair acts; a return sent back stays on My actions until resubmitted."""

from tests.returns.test_pages import NHS_NUMBER, become, post, state_of, step, tvp, version
from tests.support.accounts import CHAIR, TVP_LEAD
from tests.support.clock import on_today
from tests.support.lookups import count
from tracker.core.tables import AuditEvent, PlanReturn


def confirm(client, path: str):
    return client.get(f"{path}/submit?version={version(client, path)}")


def cover_note_of(client, path: str) -> str | None:
    row = count(
        client,
        PlanReturn.select(PlanReturn.cover_note)
        .where(
            (PlanReturn.plan == int(path.rsplit("/", 1)[1]))
            & (PlanReturn.quarter == path.split("/")[2])
        )
        .first(),
    )
    return row["cover_note"] if row else None


def test_submit_asks_for_confirmation_first_without_javascript(lead_client):
    path = tvp(lead_client)
    page = lead_client.get(path).text
    assert f'<form method="get" action="{path}/submit"' in page
    asked = confirm(lead_client, path)
    assert asked.status_code == 200
    assert "<h1>Submit the Thames Valley Police return?</h1>" in asked.text
    assert "Cover note to the chairs (optional)" in asked.text
    assert "updated for this quarter" in asked.text
    assert state_of(lead_client, path) == "draft"  # asking changed nothing


def test_the_cover_note_goes_with_the_return_and_the_chairs_see_it(lead_client):
    path = tvp(lead_client)
    done = post(
        lead_client,
        f"{path}/submit",
        {"version": version(lead_client, path), "cover_note": "Actions 4.1 and 4.2 slipped."},
    )
    assert done.status_code == 303
    assert cover_note_of(lead_client, path) == "Actions 4.1 and 4.2 slipped."
    become(lead_client, CHAIR)
    page = lead_client.get(path).text
    assert "<dt>Cover note</dt>" in page and "Actions 4.1 and 4.2 slipped." in page


def test_a_cover_note_too_long_or_naming_someone_is_shown_again_on_the_confirmation(lead_client):
    path = tvp(lead_client)
    seen = version(lead_client, path)
    long = post(lead_client, f"{path}/submit", {"version": seen, "cover_note": "x" * 2001})
    assert long.status_code == 422
    assert "The cover note must be 2,000 characters or fewer." in long.text
    assert "Cover note to the chairs (optional)" in long.text
    personal = f"Child's NHS number {NHS_NUMBER}"
    warned = post(lead_client, f"{path}/submit", {"version": seen, "cover_note": personal})
    assert warned.status_code == 422
    assert "Check this text does not identify anyone" in warned.text
    assert state_of(lead_client, path) == "draft"
    kept = post(
        lead_client,
        f"{path}/submit",
        {"version": seen, "cover_note": personal, "confirm_personal_data": "yes"},
    )
    assert kept.status_code == 303
    assert state_of(lead_client, path) == "submitted"


def test_a_lead_withdraws_a_submitted_return_until_a_chair_acts(lead_client):
    path = tvp(lead_client)
    step(lead_client, path, "submit")
    page = lead_client.get(path).text
    assert ">Withdraw return<" in page
    withdrawn = step(lead_client, path, "withdraw")
    assert withdrawn.status_code == 303
    assert "Return withdrawn" in lead_client.get(withdrawn.headers["location"]).text
    assert state_of(lead_client, path) == "draft"
    assert count(lead_client, AuditEvent.count().where(AuditEvent.kind == "return-withdrawn"))
    step(lead_client, path, "submit")
    become(lead_client, CHAIR)
    assert ">Withdraw return<" not in lead_client.get(path).text  # not the chair's to withdraw
    step(lead_client, path, "accept")
    become(lead_client, TVP_LEAD)
    assert ">Withdraw return<" not in lead_client.get(path).text
    [row] = count(
        lead_client, PlanReturn.select(PlanReturn.version).where(PlanReturn.state == "accepted")
    )
    refused = post(lead_client, f"{path}/withdraw", {"version": str(row["version"])})
    assert refused.status_code == 409
    assert "already accepted: it cannot be withdrawn" in refused.text
    assert state_of(lead_client, path) == "accepted"


def test_withdrawing_a_resubmission_goes_back_to_returned_for_changes(lead_client):
    path = tvp(lead_client)
    step(lead_client, path, "submit")
    become(lead_client, CHAIR)
    step(lead_client, path, "send-back", comment="Action 4.1 needs a date.")
    become(lead_client, TVP_LEAD)
    step(lead_client, path, "submit")
    assert state_of(lead_client, path) == "resubmitted"
    step(lead_client, path, "withdraw")
    assert state_of(lead_client, path) == "returned"
    assert "Action 4.1 needs a date." in lead_client.get(path).text


@on_today
def test_a_return_sent_back_for_an_earlier_quarter_stays_on_my_actions(lead_client):
    path = tvp(lead_client)  # 2020-21 Q1, long before today's 2026-27 Q3
    assert "Returns sent back for changes" not in lead_client.get("/my-actions").text
    step(lead_client, path, "submit")
    become(lead_client, CHAIR)
    step(lead_client, path, "send-back", comment="Action 4.1 needs a date.")
    become(lead_client, TVP_LEAD)
    mine = lead_client.get("/my-actions").text
    assert "Returns sent back for changes" in mine
    assert f'href="{path}">Thames Valley Police return for 2020-21 Q1</a>' in mine
    step(lead_client, path, "submit")
    assert "Returns sent back for changes" not in lead_client.get("/my-actions").text
