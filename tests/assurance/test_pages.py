"""Assurance ratings and outcome evidence through the pages, over TVP's Q1 and Q2 returns.

TVP rated 1.2 green in both quarters and 7.2 complete; 1.1 is amber.
"""

import csv
import io
import re

import pytest
from openpyxl import load_workbook

from tests.support.accounts import BUSINESS_UNIT, CHAIR, TVP_LEAD, VIEWER, csrf_headers, sign_in
from tests.support.clock import TODAY, on_today
from tests.support.lookups import count, ids
from tests.support.queries import counting_queries
from tracker.assurance.rules import default_quarter
from tracker.core.tables import AssuranceRating, AuditEvent, FlaggedText, OutcomeEvidence

Q2 = "2020-21-Q2"


def become(client, email: str) -> None:
    client.post("/sign-out", headers=csrf_headers(client))
    assert sign_in(client, email).status_code == 303


def post(client, path: str, data: dict):
    return client.post(path, data=data, headers=csrf_headers(client), follow_redirects=False)


def tvp(client, ref: str) -> int:
    return ids(client, "agency", ref)["id"]


def assure(client, action: int, rag="red", reason="No evidence the guidance is used", **extra):
    return post(
        client,
        f"/actions/{action}/assurance",
        {"quarter": Q2, "rag": rag, "reason": reason, **extra},
    )


def review_refs(page: str) -> list[str]:
    return re.findall(r'aria-label="Action ([^"]+?) of Thames Valley Police">', page)


@pytest.fixture
def chair_client(two_quarters_client):
    become(two_quarters_client, CHAIR)
    return two_quarters_client


def test_a_chair_sets_a_rating_that_disagrees_and_the_action_page_shows_both(chair_client):
    client = chair_client
    action = tvp(client, "1.2")
    form = client.get(f"/actions/{action}/assurance?quarter={Q2}")
    assert form.status_code == 200
    assert "Assurance rating for action 1.2" in form.text
    assert re.search(
        r"Agency's own rating on 30 Sep 2020</dt><dd[^>]*><span class=\"rag rag-green\">Green",
        form.text,
    )
    assert f'<option value="{Q2}" selected>2020-21 Q2 (agency: Green)' in form.text
    saved = assure(client, action)
    assert saved.status_code == 303
    assert saved.headers["location"] == f"/actions/{action}?assurance=set#assurance"
    page = client.get(saved.headers["location"]).text
    assert "Assurance rating saved." in page
    text = " ".join(re.sub(r"<[^>]+>", "", page).split())
    assert "Assurance (2020-21 Q2): Red — No evidence the guidance is used" in text
    assert "Disagrees with the agency" in text
    assert "Compared with the agency's rating on 30 Sep 2020: Green." in text
    assert f'href="/actions/{action}/assurance?quarter={Q2}"' in page


def test_a_rating_that_agrees_is_shown_as_agreeing(chair_client):
    action = tvp(chair_client, "1.2")
    assure(chair_client, action, rag="green", reason="Checked: it is on track")
    page = chair_client.get(f"/actions/{action}").text
    assert "Agrees with the agency" in page and "Disagrees" not in page


@on_today
def test_the_form_offers_the_quarter_just_ended_by_default(chair_client):
    page = chair_client.get(f"/actions/{tvp(chair_client, '1.2')}/assurance").text
    quarter = default_quarter(TODAY.date())
    assert f'<option value="{quarter.slug}" selected>' in page
    assert f'<input type="hidden" name="quarter" value="{quarter.slug}">' in page


def test_the_action_page_as_at_a_past_day_opens_the_form_on_that_days_quarter(chair_client):
    action = tvp(chair_client, "1.2")
    link = f'href="/actions/{action}/assurance?quarter='
    assert f"{link}2020-21-Q2" in chair_client.get(f"/actions/{action}?as_at=2020-09-30").text
    assert f"{link}2020-21-Q1" in chair_client.get(f"/actions/{action}?as_at=2020-08-15").text
    # A Q1 rating shown as at a day in Q2 is not the one to change then: Q2 is.
    assure(chair_client, action)  # Q2
    post(
        chair_client,
        f"/actions/{action}/assurance",
        {"quarter": "2020-21-Q1", "rag": "amber", "reason": "Started late"},
    )
    assert f"{link}2020-21-Q2" in chair_client.get(f"/actions/{action}?as_at=2020-09-30").text


def test_the_form_is_filled_in_with_the_rating_already_set_for_the_quarter(chair_client):
    action = tvp(chair_client, "1.2")
    assure(chair_client, action, rag="amber", reason="Partly in place")
    page = chair_client.get(f"/actions/{action}/assurance?quarter={Q2}").text
    assert 'value="amber" checked' in page
    assert ">Partly in place</textarea>" in page
    assert "Clear the 2020-21 Q2 assurance rating" in page


@pytest.mark.parametrize("email", [TVP_LEAD, VIEWER])
def test_leads_and_viewers_cannot_set_ratings_or_outcomes(two_quarters_client, email):
    client = two_quarters_client
    action = tvp(client, "7.2")
    become(client, email)
    assert client.get(f"/actions/{action}/assurance").status_code == 403
    assert assure(client, action).status_code == 403
    assert post(client, f"/actions/{action}/assurance/clear", {"quarter": Q2}).status_code == 403
    assert client.get(f"/actions/{action}/outcome").status_code == 403
    assert post(client, f"/actions/{action}/outcome", {"evidenced": "yes"}).status_code == 403
    page = client.get(f"/actions/{action}").text
    assert "Set assurance rating" not in page and "Record outcome evidence" not in page
    assert count(client, AssuranceRating.count()) == 0
    assert count(client, OutcomeEvidence.count()) == 0


def test_a_form_with_problems_comes_back_422_keeping_what_was_typed(chair_client):
    action = tvp(chair_client, "1.2")
    response = post(
        chair_client,
        f"/actions/{action}/assurance",
        {"quarter": Q2, "rag": "", "reason": "Kept as typed"},
    )
    assert response.status_code == 422
    assert "There is a problem" in response.text
    assert '<a href="#rag-red">Choose the assurance rating' in response.text
    assert ">Kept as typed</textarea>" in response.text
    later = post(
        chair_client,
        f"/actions/{action}/assurance",
        {"quarter": "2099-00-Q1", "rag": "red", "reason": "Too soon"},
    )
    assert later.status_code == 422 and "2099-00 Q1 has not begun" in later.text
    assert count(chair_client, AssuranceRating.count()) == 0


def test_a_quarter_that_has_not_begun_is_refused_in_the_address_too(chair_client):
    response = chair_client.get(f"/actions/{tvp(chair_client, '1.2')}/assurance?quarter=2099-00-Q1")
    assert response.status_code == 422
    assert "2099-00 Q1 has not begun" in response.text


def test_a_reason_with_a_phone_number_is_saved_only_once_confirmed(chair_client):
    action = tvp(chair_client, "1.2")
    reason = "Ring the duty desk on 01865 123456"
    warned = assure(chair_client, action, reason=reason)
    assert warned.status_code == 422
    assert "Check this text does not identify anyone" in warned.text
    assert 'name="confirm_personal_data"' in warned.text
    assert f">{reason}</textarea>" in warned.text
    assert count(chair_client, AssuranceRating.count()) == 0
    saved = assure(chair_client, action, reason=reason, confirm_personal_data="yes")
    assert saved.status_code == 303
    assert (
        count(
            chair_client, FlaggedText.count().where(FlaggedText.record_table == "assurance_rating")
        )
        == 1
    )


def test_clearing_a_rating_says_so_and_clearing_again_is_a_conflict(chair_client):
    action = tvp(chair_client, "1.2")
    assure(chair_client, action)
    cleared = post(chair_client, f"/actions/{action}/assurance/clear", {"quarter": Q2})
    assert cleared.status_code == 303
    page = chair_client.get(cleared.headers["location"]).text
    assert "Assurance rating cleared." in page and "Disagrees" not in page
    again = post(chair_client, f"/actions/{action}/assurance/clear", {"quarter": Q2})
    assert again.status_code == 409
    assert "Action 1.2 has no assurance rating for 2020-21 Q2 to clear." in again.text
    assert (
        count(chair_client, AuditEvent.count().where(AuditEvent.kind == "assurance-cleared")) == 1
    )


def test_a_chair_records_outcome_evidence_on_a_complete_action(chair_client):
    action = tvp(chair_client, "7.2")
    page = chair_client.get(f"/actions/{action}").text
    assert f'href="/actions/{action}/outcome"' in page and "Not recorded" in page
    form = chair_client.get(f"/actions/{action}/outcome")
    assert form.status_code == 200 and "Is the desired outcome evidenced?" in form.text
    missing = post(chair_client, f"/actions/{action}/outcome", {"evidenced": "", "note": "Kept"})
    assert missing.status_code == 422 and ">Kept</textarea>" in missing.text
    saved = post(
        chair_client,
        f"/actions/{action}/outcome",
        {"evidenced": "partly", "note": "Audit in March"},
    )
    assert saved.status_code == 303
    page = chair_client.get(saved.headers["location"]).text
    text = " ".join(re.sub(r"<[^>]+>", " ", page).split())
    assert "Outcome evidence saved." in text
    assert "Desired outcome evidenced Partly Audit in March" in text


def test_outcome_evidence_on_an_action_not_complete_is_a_conflict(chair_client):
    action = tvp(chair_client, "1.1")
    assert f'href="/actions/{action}/outcome"' not in chair_client.get(f"/actions/{action}").text
    assert (
        "recorded once the action is complete"
        in chair_client.get(f"/actions/{action}/outcome").text
    )
    refused = post(chair_client, f"/actions/{action}/outcome", {"evidenced": "yes"})
    assert refused.status_code == 409
    assert "Action 1.1 is not complete (its rating is Amber)" in refused.text
    assert count(chair_client, OutcomeEvidence.count()) == 0


def test_outcome_evidence_on_a_withdrawn_action_is_a_conflict(chair_client):
    client = chair_client
    become(client, BUSINESS_UNIT)
    action = ids(client, "agency", "7.2")  # complete
    withdrawn = post(
        client,
        f"/actions/{action['id']}/withdraw",
        {
            "withdrawn_on": "2020-12-01",
            "withdrawn_reason": "Done and closed",
            "version": action["version"],
        },
    )
    assert withdrawn.status_code == 303, withdrawn.text
    become(client, CHAIR)
    message = "was withdrawn on 1 Dec 2020: it is no longer counted, so no outcome evidence"
    assert (
        f'href="/actions/{action["id"]}/outcome"' not in client.get(f"/actions/{action['id']}").text
    )
    form = client.get(f"/actions/{action['id']}/outcome").text
    assert message in form and 'name="evidenced"' not in form
    refused = post(client, f"/actions/{action['id']}/outcome", {"evidenced": "yes"})
    assert refused.status_code == 409
    assert message in refused.text and "Nothing was saved." in refused.text
    assert count(client, OutcomeEvidence.count()) == 0


def test_the_disagreements_page_lists_them_for_a_quarter_for_everyone(chair_client):
    assure(chair_client, tvp(chair_client, "1.2"))
    assure(chair_client, tvp(chair_client, "4.1"), rag="amber", reason="Agree")
    become(chair_client, VIEWER)
    page = chair_client.get(f"/assurance?quarter={Q2}")
    assert page.status_code == 200
    text = " ".join(re.sub(r"<[^>]+>", " ", page.text).split())
    assert (
        "2020-21 Q2: 2 assurance ratings set; "
        "1 disagrees with the agency's own rating on 30 Sep 2020." in text
    )
    assert re.findall(r'<tr id="disagreement-(\d+)">', page.text) == [str(tvp(chair_client, "1.2"))]
    assert "No evidence the guidance is used" in page.text
    empty = chair_client.get("/assurance?quarter=2020-21-Q1").text
    assert "No assurance rating for 2020-21 Q1 disagrees" in empty
    bad = chair_client.get("/assurance?quarter=soon")
    assert (
        bad.status_code == 422
        and '<a href="#quarter">Enter the quarter like 2020-21 Q2.' in bad.text
    )


def test_the_review_shows_the_assurance_and_filters_to_disagreements(chair_client):
    disagreeing = tvp(chair_client, "1.2")
    assure(chair_client, disagreeing)
    assure(chair_client, tvp(chair_client, "4.1"), rag="amber", reason="Agree")
    page = chair_client.get("/review?as_at=2020-10-15").text
    row = re.search(rf'<tr id="review-action-{disagreeing}">.*?</tr>', page, re.S).group(0)
    assert "rag-red" in row and "2020-21 Q2" in row and "Disagrees" in row
    filtered = chair_client.get("/review?as_at=2020-10-15&disagrees=yes")
    assert review_refs(filtered.text) == ["1.2"]
    assert (
        'id="disagrees" name="disagrees" value="yes" class="review-auto" checked' in filtered.text
    )
    # Before Q2's rating applies, nothing disagrees.
    assert review_refs(chair_client.get("/review?as_at=2020-06-30&disagrees=yes").text) == []
    bad = chair_client.get("/review?disagrees=maybe")
    assert bad.status_code == 422 and 'href="#disagrees"' in bad.text


def test_the_downloads_carry_the_assurance_columns_and_the_filter(chair_client):
    assure(chair_client, tvp(chair_client, "1.2"), reason="=SUM(A1) no evidence")
    query = "as_at=2020-10-15&disagrees=yes"
    text = chair_client.get(f"/review.csv?{query}").content.decode("utf-8-sig")
    [row] = list(csv.DictReader(io.StringIO(text)))
    assert (row["Ref"], row["Assurance"], row["Assurance disagrees"]) == (
        "1.2",
        "Red (2020-21 Q2)",
        "Yes",
    )
    assert row["Assurance reason"] == "'=SUM(A1) no evidence"
    workbook = load_workbook(io.BytesIO(chair_client.get(f"/review.xlsx?{query}").content))
    sheet = workbook["Actions"]
    header = [cell.value for cell in sheet[1]]
    [values] = list(sheet.iter_rows(min_row=2, values_only=True))
    found = dict(zip(header, values, strict=True))
    assert (found["Assurance"], found["Assurance disagrees"]) == ("Red (2020-21 Q2)", "Yes")
    reason = sheet.cell(row=2, column=header.index("Assurance reason") + 1)
    assert (reason.value, reason.data_type) == ("=SUM(A1) no evidence", "s")
    about = dict(workbook["About this view"].iter_rows(values_only=True))
    assert about["Filters"] == "Assurance rating disagrees"


def test_the_review_runs_the_same_queries_with_one_rating_as_with_many(chair_client):
    client = chair_client
    assure(client, tvp(client, "1.2"))
    with counting_queries() as one:
        assert client.get("/review?as_at=2020-10-15").status_code == 200
    for ref in ("1.1", "2.1", "2.2", "4.1", "7.2", "9.1"):
        assure(client, tvp(client, ref))
    with counting_queries() as many:
        page = client.get("/review?as_at=2020-10-15&disagrees=yes")
    assert len(review_refs(page.text)) == 7
    assert one.count == many.count


def test_a_withdrawn_action_is_rated_only_for_quarters_before_its_withdrawal(chair_client):
    client = chair_client
    become(client, BUSINESS_UNIT)
    action = ids(client, "agency", "1.2")
    withdrawn = post(
        client,
        f"/actions/{action['id']}/withdraw",
        {
            "withdrawn_on": "2020-08-01",
            "withdrawn_reason": "Merged into 1.1",
            "version": action["version"],
        },
    )
    assert withdrawn.status_code == 303, withdrawn.text
    become(client, CHAIR)
    # Not counted now, so the action page offers no rating.
    page = client.get(f"/actions/{action['id']}").text
    assert "rated only for quarters that ended before it was withdrawn on 1 Aug 2020" in page
    assert "Set assurance rating for a quarter before its withdrawal" in page
    # The form opens on the last quarter that ended before the withdrawal, ready to rate.
    opened = client.get(f"/actions/{action['id']}/assurance").text
    assert '<h2 id="quarter-heading">2020-21 Q1</h2>' in opened and 'name="reason"' in opened
    # As at a day before the withdrawal it was counted, and may be rated.
    before = client.get(f"/actions/{action['id']}?as_at=2020-07-15").text
    assert "Set assurance rating" in before
    # As at a later past day it was withdrawn: the link opens on the quarter before.
    later = client.get(f"/actions/{action['id']}?as_at=2020-09-30").text
    assert f'href="/actions/{action["id"]}/assurance?quarter=2020-21-Q1"' in later
    # Q2 ended after the withdrawal: the form says so before anything is typed, and refuses it.
    form = client.get(f"/actions/{action['id']}/assurance?quarter={Q2}").text
    assert "was withdrawn on 1 Aug 2020, so it is not counted in 2020-21 Q2" in form
    assert 'name="reason"' not in form  # nothing to type that could only be refused
    refused = assure(client, action["id"], reason="Kept as typed")
    assert refused.status_code == 422
    assert "was withdrawn on 1 Aug 2020, so it is not counted in 2020-21 Q2" in refused.text
    assert ">Kept as typed</textarea>" in refused.text
    assert count(client, AssuranceRating.count()) == 0
    # Q1 ended before it: still rated as it stood then.
    earlier = post(
        client,
        f"/actions/{action['id']}/assurance",
        {"quarter": "2020-21-Q1", "rag": "amber", "reason": "Briefings were late"},
    )
    assert earlier.status_code == 303, earlier.text
    assert count(client, AssuranceRating.count()) == 1
