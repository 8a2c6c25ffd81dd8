"""Returns through the pages: the chairs' quarter page, a plan's return and each step."""

import pytest

from tests.support.accounts import CHAIR, PASSWORD, TVP_LEAD, VIEWER, csrf_headers, sign_in
from tests.support.clock import TODAY, on_today
from tests.support.lookups import count
from tracker.accounts.store import create_account
from tracker.core.roles import Role
from tracker.core.tables import AuditEvent, FlaggedText, Plan, PlanReturn, QuarterDeadline
from tracker.returns.rules import collecting

Q1 = "/returns/2020-21-Q1"
NHS_NUMBER = "943 476 5919"


def become(client, email: str) -> None:
    client.post("/sign-out", headers=csrf_headers(client))
    assert sign_in(client, email).status_code == 303


def post(client, path: str, data: dict | None = None):
    return client.post(path, data=data or {}, headers=csrf_headers(client), follow_redirects=False)


def plan_id(client, name: str) -> int:
    with client.portal() as portal:
        row = portal.call(
            Plan.select(Plan.id).where((Plan.name == name) & (Plan.kind == "agency")).first().run
        )
    return row["id"]


def tvp(client) -> str:
    return f"{Q1}/plans/{plan_id(client, 'Thames Valley Police')}"


def version(client, path: str) -> str:
    """The version the return's page shows in its forms."""
    page = client.get(path).text
    marker = 'name="version" value="'
    return page.split(marker, 1)[1].split('"', 1)[0]


def state_of(client, path: str) -> str | None:
    with client.portal() as portal:
        row = portal.call(
            PlanReturn.select(PlanReturn.state)
            .where(
                (PlanReturn.plan == int(path.rsplit("/", 1)[1]))
                & (PlanReturn.quarter == path.split("/")[2])
            )
            .first()
            .run
        )
    return row["state"] if row else None


def step(client, path: str, name: str, **data):
    return post(client, f"{path}/{name}", {"version": version(client, path), **data})


@on_today
def test_returns_opens_the_quarter_being_collected(tvp_client):
    # In one request: the menu's link shows them, with no redirect first.
    response = tvp_client.get("/returns", follow_redirects=False)
    assert response.status_code == 200
    quarter = collecting(TODAY.date())
    assert f"<h1>Returns for {quarter.label}</h1>" in response.text
    own = tvp_client.get(f"/returns/{quarter.slug}").text
    assert main(response.text) == main(own)


def main(page: str) -> str:
    return page.split("<main", 1)[1].split("</main>", 1)[0]


def test_the_quarter_page_shows_every_plans_return_with_the_imported_one_as_a_draft(tvp_client):
    page = tvp_client.get(Q1)
    assert page.status_code == 200
    text = page.text
    assert "<h1>Returns for 2020-21 Q1</h1>" in text
    assert text.count('<tr id="return-') == 15
    row = text.split(f'id="return-{plan_id(tvp_client, "Thames Valley Police")}"')[1]
    row = row.split("</tr>")[0]
    assert "return-draft" in row and ">In progress<" in row  # "Draft" until issue 15
    assert "14 Jul 2020" in row
    assert "Overdue by" in row
    assert "12 of 13" in row  # one action of the return has no RAG or progress
    # Loading the strategy's own plans (the seed) starts no return: only TVP's import did.
    assert "<dt>Not started</dt><dd>14</dd>" in text
    assert "<dt>In progress</dt><dd>1</dd>" in text
    # The strategy's first quarter: nothing before it is offered or linked.
    assert 'href="/returns/2019-20-Q4"' not in text and 'href="/returns/2020-21-Q2"' in text
    picker = text.split('id="quarter"')[1].split("</select>")[0]
    assert '<option value="2020-21-Q1" selected>2020-21 Q1</option>' in picker
    assert "2019-20" not in picker


@pytest.mark.parametrize("slug", ["2020-Q1", "2020-22-Q1", "nonsense", "2020-21-Q5"])
def test_a_quarter_that_does_not_exist_is_a_clear_404(tvp_client, slug):
    response = tvp_client.get(f"/returns/{slug}")
    assert response.status_code == 404
    assert "a quarter is written like 2020-21-Q2" in response.text
    assert "Traceback" not in response.text


def test_the_business_unit_submits_a_draft_on_the_agencys_behalf(tvp_client):
    path = tvp(tvp_client)
    page = tvp_client.get(path).text
    assert "Submit on the agency's behalf" in page
    done = step(tvp_client, path, "submit")
    assert done.status_code == 303
    assert done.headers["location"] == f"{path}?saved=submitted"
    shown = tvp_client.get(done.headers["location"]).text
    assert "Return submitted." in shown
    assert "On the agency's behalf by the business unit" in shown
    assert state_of(tvp_client, path) == "submitted"
    quarter = tvp_client.get(Q1).text
    assert "<dt>Submitted</dt><dd>1</dd>" in quarter


def test_the_submit_button_warns_when_actions_have_no_update_in_the_quarter(tvp_client):
    path = f"/returns/2020-21-Q2/plans/{plan_id(tvp_client, 'Thames Valley Police')}"
    page = tvp_client.get(path).text
    assert "13 of 13 actions have no update dated in 2020-21 Q2" in page
    assert page.count("Not updated in 2020-21 Q2") == 13
    assert step(tvp_client, path, "submit").status_code == 303


def test_a_lead_submits_their_agencys_return_but_not_another_agencys(lead_client):
    path = tvp(lead_client)
    assert ">Submit return<" in lead_client.get(path).text
    assert step(lead_client, path, "submit").status_code == 303
    other = f"{Q1}/plans/{plan_id(lead_client, 'Oxford Health, NHS Foundation Trust')}"
    assert "Submit return" not in lead_client.get(other).text
    refused = post(lead_client, f"{other}/submit", {"version": "0"})
    assert refused.status_code == 403
    assert state_of(lead_client, other) is None


def test_a_lead_by_title_only_is_not_offered_the_agencys_return_and_is_refused(tvp_client):
    """The issue's case: "DI MASH" could submit TVP's 13-action return; 12 refuse them."""
    with tvp_client.portal() as portal:
        portal.call(
            lambda: create_account(
                "di.mash@example.org",
                Role.LEAD,
                agencies=["Oxford Health, NHS Foundation Trust"],
                password=PASSWORD,
                lead_names=["DI MASH"],
            )
        )
    path = tvp(tvp_client)
    become(tvp_client, "di.mash@example.org")
    page = tvp_client.get(path).text
    assert "Submit return" not in page and f"{path}/submit" not in page
    assert page.count("/update") == 1  # their one action of the 13: 10.1, led by DI MASH
    refused = post(tvp_client, f"{path}/submit", {"version": "1"})
    assert refused.status_code == 403
    assert "leads and the business unit can. Your lead title lets you update" in refused.text
    assert state_of(tvp_client, path) == "draft"


def test_a_viewer_sees_a_return_but_no_buttons_and_cannot_submit(tvp_client):
    path = tvp(tvp_client)
    become(tvp_client, VIEWER)
    page = tvp_client.get(path).text
    assert "/submit" not in page and "/accept" not in page and "/send-back" not in page
    assert post(tvp_client, f"{path}/submit", {"version": "1"}).status_code == 403
    assert state_of(tvp_client, path) == "draft"


def test_a_chair_returns_it_with_comments_the_lead_sees_them_and_resubmits(tvp_client):
    path = tvp(tvp_client)
    step(tvp_client, path, "submit")
    become(tvp_client, CHAIR)
    page = tvp_client.get(path).text
    assert "Accept return" in page and "What needs changing" in page

    empty = step(tvp_client, path, "send-back", comment="  ")
    assert empty.status_code == 422
    assert "There is a problem" in empty.text
    assert 'href="#comment"' in empty.text
    assert "returning a return needs comments" in empty.text
    assert state_of(tvp_client, path) == "submitted"

    returned = step(tvp_client, path, "send-back", comment="Action 4.1 needs a date.")
    assert returned.status_code == 303
    assert (
        "Return sent back to the agency for changes."
        in tvp_client.get(returned.headers["location"]).text
    )

    become(tvp_client, TVP_LEAD)
    page = tvp_client.get(path).text
    assert "Returned for changes" in page
    assert "Action 4.1 needs a date." in page
    assert page.index("Action 4.1 needs a date.") < page.index("Resubmit return")
    assert step(tvp_client, path, "submit").status_code == 303
    assert state_of(tvp_client, path) == "resubmitted"


def test_comments_that_look_like_personal_data_are_confirmed_before_they_are_saved(tvp_client):
    path = tvp(tvp_client)
    step(tvp_client, path, "submit")
    text = f"Remove NHS number {NHS_NUMBER} from 1.1."
    warned = step(tvp_client, path, "send-back", comment=text)
    assert warned.status_code == 422
    assert "Check this text does not identify anyone" in warned.text
    assert 'name="confirm_personal_data"' in warned.text
    assert text in warned.text  # kept as typed
    assert state_of(tvp_client, path) == "submitted"

    saved = step(tvp_client, path, "send-back", comment=text, confirm_personal_data="yes")
    assert saved.status_code == 303
    assert count(tvp_client, FlaggedText.count()) == 2


def test_accepting_locks_the_quarter_and_says_so(tvp_client):
    path = tvp(tvp_client)
    step(tvp_client, path, "submit")
    become(tvp_client, CHAIR)
    accepted = step(tvp_client, path, "accept")
    assert accepted.status_code == 303
    page = tvp_client.get(accepted.headers["location"]).text
    assert "Return accepted." in page
    assert "by chair@example.org</strong>: its figures are locked" in page
    assert "later updates are dated in 2020-21 Q2" in page
    assert "Accept return" not in page
    assert count(tvp_client, AuditEvent.count().where(AuditEvent.kind == "return-accepted")) == 1


def test_a_stale_page_gets_409_and_changes_nothing(tvp_client):
    path = tvp(tvp_client)
    step(tvp_client, path, "submit")
    become(tvp_client, CHAIR)
    seen = version(tvp_client, path)
    assert post(tvp_client, f"{path}/accept", {"version": seen}).status_code == 303
    late = post(tvp_client, f"{path}/send-back", {"version": seen, "comment": "Add 4.1 dates."})
    assert late.status_code == 409
    assert "changed since you opened the page: it is now accepted" in late.text
    assert state_of(tvp_client, path) == "accepted"
    assert count(tvp_client, AuditEvent.count().where(AuditEvent.kind == "return-returned")) == 0


def test_a_step_the_state_does_not_allow_gets_409(tvp_client):
    path = tvp(tvp_client)
    become(tvp_client, CHAIR)
    assert "/accept" not in tvp_client.get(path).text
    refused = post(tvp_client, f"{path}/accept", {"version": "1"})
    assert refused.status_code == 409
    assert "The 2020-21 Q1 return has not been submitted yet." in refused.text
    assert state_of(tvp_client, path) == "draft"


def test_an_unknown_plan_is_404(tvp_client):
    assert tvp_client.get(f"{Q1}/plans/999999").status_code == 404
    assert post(tvp_client, f"{Q1}/plans/999999/submit", {"version": "0"}).status_code == 404


def test_the_business_unit_sets_the_deadline_and_a_bad_one_is_explained(tvp_client):
    page = tvp_client.get(Q1).text
    assert "Now the usual deadline, 14 days after the quarter ends." in page
    bad = post(tvp_client, f"{Q1}/deadline", {"deadline": "2020-06-01"})
    assert bad.status_code == 422
    assert "on or after the quarter&#39;s last day, 30 Jun 2020" in bad.text
    assert 'value="2020-06-01"' in bad.text
    assert count(tvp_client, QuarterDeadline.count()) == 0

    saved = post(tvp_client, f"{Q1}/deadline", {"deadline": "2020-07-31"})
    assert saved.status_code == 303
    page = tvp_client.get(saved.headers["location"]).text
    assert "Deadline saved." in page
    assert (
        "Returns are due by <strong>31 Jul 2020</strong> (set by business-unit@example.org)" in page
    )


def test_chairs_see_no_deadline_form(tvp_client):
    become(tvp_client, CHAIR)
    assert "Save the deadline" not in tvp_client.get(Q1).text


@on_today
def test_my_actions_lists_the_leads_returns_for_the_quarter_being_collected(lead_client):
    page = lead_client.get("/my-actions").text
    quarter = collecting(TODAY.date())
    assert f"Your returns for {quarter.label}" in page
    section = page.split('id="my-returns-heading"')[1].split("</section>")[0]
    assert "Thames Valley Police" in section
    assert "Not started" in section
    assert f'href="/returns/{quarter.slug}/plans/' in section
    assert "Oxford Health" not in section


def test_updating_an_action_from_an_accepted_return_says_why_it_was_dated_later(tvp_client):
    path = tvp(tvp_client)
    step(tvp_client, path, "submit")
    step(tvp_client, path, "accept")
    page = tvp_client.get(path).text
    update_link = page.split('href="/actions/', 1)[1]
    action_id = int(update_link.split("/", 1)[0].split('"', 1)[0])
    form = tvp_client.get(f"/actions/{action_id}/update").text
    form_version = form.split('name="version" value="', 1)[1].split('"', 1)[0]
    saved = post(
        tvp_client,
        f"/actions/{action_id}/update",
        {"rag": "red", "progress": "Paused", "as_at": "2020-06-30", "version": form_version},
    )
    assert saved.status_code == 303
    assert "moved_from=2020-06-30&dated=2020-07-01" in saved.headers["location"]
    shown = tvp_client.get(saved.headers["location"]).text
    assert "The 2020-21 Q1 return was accepted, so this update is dated 1 Jul 2020." in shown


def test_the_quarter_picker_opens_the_returns_of_the_quarter_chosen(tvp_client):
    response = tvp_client.get("/returns?quarter=2021-22-Q3", follow_redirects=False)
    assert response.headers["location"] == "/returns/2021-22-Q3"
    # Anything but a quarter opens the returns being collected, as a plain visit does.
    plain = tvp_client.get("/returns", follow_redirects=False)
    other = tvp_client.get("/returns?quarter=soon", follow_redirects=False)
    assert (plain.status_code, other.status_code) == (200, 200)
    assert main(other.text) == main(plain.text)


@pytest.mark.time_machine("2020-05-01 12:00 +01:00", tick=False)
def test_in_the_strategys_first_quarter_returns_open_on_it_not_on_the_one_before(tvp_client):
    assert "<h1>Returns for 2020-21 Q1</h1>" in tvp_client.get("/returns").text
    page = tvp_client.get("/returns/2020-21-Q1").text
    picker = page.split('id="quarter"')[1].split("</select>")[0]
    # The strategy's twelve quarters, first to last, today's marked and the later ones said.
    assert picker.count("<option") == 12
    assert '<option value="2020-21-Q1" selected>2020-21 Q1 (current quarter)</option>' in picker
    assert "2022-23 Q4 (not started yet)" in picker
    assert "2019-20" not in picker and "2023-24" not in picker
    assert "Previous quarter" not in page and "Next quarter: 2020-21 Q2" in page
