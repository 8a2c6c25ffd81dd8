"""Text that looks like it identifies a person is stopped on every form and the API until
confirmed; confirmed text is saved and flagged for the business unit."""

from tests.support.accounts import TVP_LEAD, csrf_headers
from tests.support.lookups import count, ids
from tracker.core.tables import Challenge, Escalation, FlaggedText, PlanReturn, Update

HTMX = {"HX-Request": "true"}
NHS = "943 476 5919"
PHONE = "01865 123456"


def post(client, path, data, headers=None):
    return client.post(
        path,
        data=data,
        headers={**csrf_headers(client), **(headers or {})},
        follow_redirects=False,
    )


def post_update(client, action, headers=None, **fields):
    data = {"rag": "amber", "progress": "Training delayed", "version": action["version"], **fields}
    return post(client, f"/actions/{action['id']}/update", data, headers)


def flags(client) -> list[dict]:
    return count(client, FlaggedText.select().order_by(FlaggedText.id))


def test_progress_with_an_nhs_number_is_refused_keeping_what_was_typed(lead_client):
    action = ids(lead_client, "agency", "1.1")
    typed = f"Child {NHS} seen at panel"
    updates = count(lead_client, Update.count())
    response = post_update(lead_client, action, progress=typed)
    assert response.status_code == 422
    assert "Error: Update action 1.1" in response.text
    assert "There is a problem" in response.text
    assert f"Progress looks like it identifies a person: an NHS number ({NHS})" in response.text
    assert 'name="confirm_personal_data"' in response.text
    assert typed in response.text
    assert count(lead_client, Update.count()) == updates
    assert flags(lead_client) == []


def test_the_inline_row_shows_the_warning_and_the_box_with_200(lead_client):
    action = ids(lead_client, "agency", "1.1")
    response = post_update(
        lead_client, action, headers=HTMX, view="plan", impact=f"Ring {PHONE}", rag="amber"
    )
    assert response.status_code == 200
    assert response.text.lstrip().startswith('<tr id="update-')
    prefix = f"a{action['id']}-"
    assert f'id="{prefix}confirm_personal_data"' in response.text
    assert f'href="#{prefix}impact"' in response.text
    assert "Evidence of impact looks like it identifies a person: a phone number" in response.text


def test_confirmed_progress_is_saved_and_flagged(lead_client):
    action = ids(lead_client, "agency", "1.1")
    typed = f"Family to ring {PHONE}"
    response = post_update(lead_client, action, progress=typed, confirm_personal_data="yes")
    assert response.status_code == 303
    [flag] = flags(lead_client)
    update = count(lead_client, Update.select().where(Update.progress == typed).first())
    assert (flag["record_table"], flag["record_id"], flag["field"], flag["kinds"]) == (
        "action_update",
        update["id"],
        "progress",
        "phone",
    )
    assert flag["confirmed_by"] == TVP_LEAD and flag["action_id"] == action["id"]
    assert flag["subject"] == "Action 1.1, Thames Valley Police"


def test_an_update_dated_in_an_accepted_quarter_says_the_day_it_was_dated(lead_client):
    action = ids(lead_client, "agency", "1.1")
    count(lead_client, PlanReturn.update({PlanReturn.state: "accepted"}, force=True))
    response = post_update(lead_client, action, as_at="2020-06-15")
    assert response.status_code == 303
    page = lead_client.get(response.headers["location"]).text
    assert "The 2020-21 Q1 return was accepted, so this update is dated 1 Jul 2020." in page
    inline = post_update(
        lead_client,
        {**action, "version": action["version"] + 1},
        headers=HTMX,
        view="plan",
        as_at="2020-06-16",
    )
    assert "The 2020-21 Q1 return was accepted, so this update is dated 1 Jul 2020." in (
        inline.text
    )


def test_challenges_and_their_replies_and_notes_are_guarded(tvp_client):
    action = ids(tvp_client, "agency", "1.1")
    path = f"/actions/{action['id']}/challenges"
    question = {"question": f"Why was {PHONE} given?", "reply_wanted_by": "2099-01-01"}
    refused = post(tvp_client, path, question)
    assert refused.status_code == 422 and "a phone number (01865 123456)" in refused.text
    assert question["question"] in refused.text
    assert count(tvp_client, Challenge.count()) == 0
    saved = post(tvp_client, path, {**question, "confirm_personal_data": "yes"})
    assert saved.status_code == 303
    challenge = saved.headers["location"].split("?")[0]
    for field, words in (("reply", "Your reply"), ("closing_note", "Closing note")):
        kind = "reply" if field == "reply" else "close"
        text = {field: "Email carer@example.org"}
        refused = post(tvp_client, f"{challenge}/{kind}", text)
        assert refused.status_code == 422
        assert f"{words} looks like it identifies a person: an e-mail address" in refused.text
        assert post(tvp_client, f"{challenge}/{kind}", {**text, "confirm_personal_data": "yes"})
    assert [(f["record_table"], f["field"]) for f in flags(tvp_client)] == [
        ("challenge", "question"),
        ("challenge", "reply"),
        ("challenge", "closing_note"),
    ]


def test_escalations_and_their_resolutions_are_guarded(tvp_client):
    issue = {"escalated_to": "masa", "issue": "Family at OX4 2AB", "rationale": "Not seen"}
    refused = post(tvp_client, "/escalations", issue)
    assert refused.status_code == 422 and "Issue looks like it identifies a person" in refused.text
    assert count(tvp_client, Escalation.count()) == 0
    saved = post(tvp_client, "/escalations", {**issue, "confirm_personal_data": "yes"})
    escalation = saved.headers["location"].split("?")[0]
    resolution = {"resolution": f"Rang {PHONE}"}
    refused = post(tvp_client, f"{escalation}/resolve", resolution)
    assert refused.status_code == 422 and "Resolution looks like" in refused.text
    done = post(tvp_client, f"{escalation}/resolve", {**resolution, "confirm_personal_data": "yes"})
    assert done.status_code == 303
    assert [(f["record_table"], f["field"]) for f in flags(tvp_client)] == [
        ("escalation", "issue"),
        ("escalation", "resolution"),
    ]


def test_the_warning_is_said_once_by_the_field_and_once_in_the_summary_not_three_times(
    lead_client,
):
    action = ids(lead_client, "agency", "1.1")
    response = post_update(lead_client, action, progress=f"Child {NHS} seen at panel")
    main = response.text.split("<main", 1)[1].split("</main>", 1)[0]
    assert main.count("looks like it identifies a person") == 2
    box = main.split('class="personal-data-warning', 1)[1].split("</ul>", 1)[0]
    assert f'<a href="#progress">Progress</a>: an NHS number ({NHS})' in box
