"""Input no handler should see is refused in one place (tracker/core/web/bounds.py): ids out of
range are 404 and NUL bytes or broken characters 422, on SQLite and PostgreSQL alike."""

import pytest

from tests.support.accounts import csrf_headers
from tests.support.lookups import count, ids
from tracker.core.tables import Update

FORM = {"content-type": "application/x-www-form-urlencoded"}


@pytest.mark.parametrize("number", [0, 2**31, 2**63, 10**20])
@pytest.mark.parametrize(
    "path", ["/actions/{}", "/plans/{}", "/users/{}", "/returns/2020-21-Q1/plans/{}"]
)
def test_an_id_no_row_could_have_is_not_found(tvp_client, path, number):
    response = tvp_client.get(path.format(number))
    assert response.status_code == 404
    assert "There is nothing with that number." in response.text


def test_the_largest_id_is_asked_for_and_simply_not_found(tvp_client):
    assert tvp_client.get(f"/actions/{2**31 - 1}").status_code == 404


def test_posting_to_an_id_out_of_range_is_not_found(tvp_client):
    response = tvp_client.post(
        f"/actions/{2**31}/update",
        data={"rag": "green", "progress": "x", "version": "1"},
        headers=csrf_headers(tvp_client),
    )
    assert response.status_code == 404


@pytest.mark.parametrize("field", ["progress", "rag", "version", "ne\x00xt"])
def test_a_nul_byte_in_any_field_is_refused_and_nothing_saved(lead_client, field):
    action = ids(lead_client, "agency", "1.1")
    before = count(lead_client, Update.count())
    form = {"rag": "amber", "progress": "Training delayed", "version": str(action["version"])}
    form[field] = "before\x00after"
    response = lead_client.post(
        f"/actions/{action['id']}/update", data=form, headers=csrf_headers(lead_client)
    )
    assert response.status_code == 422
    assert "a NUL byte" in response.text and "Nothing was saved" in response.text
    assert count(lead_client, Update.count()) == before


def test_a_form_field_that_is_not_utf8_is_refused(lead_client):
    action = ids(lead_client, "agency", "1.1")
    body = (
        b'--b\r\nContent-Disposition: form-data; name="progress"\r\n\r\n'
        b"lone \xed\xa0\x80 surrogate\r\n--b--\r\n"
    )
    response = lead_client.post(
        f"/actions/{action['id']}/update",
        content=body,
        headers={**csrf_headers(lead_client), "content-type": "multipart/form-data; boundary=b"},
    )
    assert response.status_code == 422


@pytest.mark.parametrize(
    "url", ["/?as_at=2020%00", "/review?q=a%00b", "/audit?text=%00", "/api/actions?rag=%00"]
)
def test_a_nul_byte_in_a_query_parameter_is_refused(tvp_client, url):
    assert tvp_client.get(url).status_code == 422


@pytest.mark.parametrize(
    "url",
    [
        "/reports/0000-01-Q1",
        "/reports/9999-00-Q4",
        "/reports/0000-01-Q1/business-group.json",
        "/returns/0000-01-Q1",
        "/assurance?quarter=0000-01-Q1",
    ],
)
def test_a_quarter_before_2000_or_after_2099_is_no_quarter(tvp_client, url):
    assert tvp_client.get(url).status_code in (404, 422)


def test_a_report_for_a_quarter_out_of_range_says_so(tvp_client):
    response = tvp_client.get("/reports/0000-01-Q1")
    assert response.status_code == 404


@pytest.mark.parametrize("url", ["/dashboard", "/", "/coverage"])
def test_an_as_at_day_outside_2000_to_2099_is_said(tvp_client, url):
    response = tvp_client.get(f"{url}?as_at=0001-01-01")
    assert response.status_code in (200, 422)  # the page as at today, or the form again
    assert "Enter a date between 2000 and 2099" in response.text


def test_an_audit_filter_date_out_of_range_is_said(tvp_client):
    response = tvp_client.get("/audit?to=9999-12-31")
    assert response.status_code == 400
    assert "Enter a date between 2000 and 2099" in response.text


def test_an_escalation_for_an_action_number_out_of_range_is_not_found(tvp_client):
    assert tvp_client.get(f"/escalations/new?action={2**64}").status_code == 404
    response = tvp_client.post(
        "/escalations",
        data={"action_id": str(2**64), "escalated_to": "masa", "issue": "x", "rationale": "y"},
        headers=csrf_headers(tvp_client),
    )
    assert response.status_code == 404


@pytest.mark.parametrize("number", [0, 2**31, 2**64])
def test_an_id_in_a_query_parameter_out_of_range_is_not_found(tvp_client, number):
    action = ids(tvp_client, "agency", "1.1")
    assert tvp_client.get(f"/actions/{action['id']}?saved={number}").status_code == 404
    assert tvp_client.get(f"/actions/{action['id']}?saved={action['id']}").status_code == 200
