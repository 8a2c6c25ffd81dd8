"""Input the API once answered with a 500 (issue 14) is refused with a 4xx naming what is
wrong, on both databases, and nothing is stored."""

import pytest

from tests.api.conftest import bearer, tvp_actions
from tests.support.accounts import BUSINESS_UNIT

TOO_LARGE_IDS = [2**31, 2**63, 10**20]


@pytest.fixture
def signed(api):
    return bearer(api, BUSINESS_UNIT)


def post_raw(api, action_id, headers, raw: bytes):
    return api.post(
        f"/api/actions/{action_id}/updates",
        content=raw,
        headers={**headers, "Content-Type": "application/json"},
    )


@pytest.mark.parametrize("action_id", [0, *TOO_LARGE_IDS])
def test_an_action_id_out_of_range_is_refused_not_looked_up(api, signed, action_id):
    read = api.get(f"/api/actions/{action_id}", headers=signed)
    update = api.post(
        f"/api/actions/{action_id}/updates", json={"rag": "red", "version": 1}, headers=signed
    )
    # Refused by the one check every route passes (tracker.core.web.bounds): it names nothing.
    assert (read.status_code, update.status_code) == (404, 404)
    assert read.json()["status"] == 404 and update.json()["status"] == 404


@pytest.mark.parametrize("plan", [str(2**31), "9" * 20, "9" * 5000, "²"])
def test_a_plan_id_out_of_range_or_in_other_digits_is_a_422(api, signed, plan):
    response = api.get("/api/actions", params={"plan": plan}, headers=signed)
    assert response.status_code == 422
    assert set(response.json()["errors"]) == {"plan"}


@pytest.mark.parametrize("name", ["plan", "agency", "rag", "as_of", "overdue"])
def test_a_nul_in_a_filter_is_a_422_naming_it(api, signed, name):
    response = api.get("/api/actions", params={name: "Thames\x00Valley"}, headers=signed)
    assert response.status_code == 422
    assert "NUL" in response.json()["errors"][name]


@pytest.mark.parametrize(
    ("raw", "field"),
    [
        (b'{"rag": "red", "progress": "half \\ud800 done", "version": 1}', "progress"),
        (b'{"rag": "red", "progress": "half done", "impact": "\\udfff", "version": 1}', "impact"),
        (b'{"rag": "red", "progress": "half \\u0000 done", "version": 1}', "progress"),
        (
            b'{"rag": "red", "progress": "x", "evidence_link": "https://a\\u0000", "version": 1}',
            "evidence_link",
        ),
        (b'{"rag": "red", "progress": "x", "version": 2147483648}', "version"),
        (b'{"rag": "red", "progress": "x", "version": 0}', "version"),
        (b"[" * 100_000 + b"]" * 100_000, "body"),
        (
            b'{"rag": "red", "progress": "x", "version": 1, "extra": '
            + b"[" * 40
            + b"]" * 40
            + b"}",
            "body",
        ),
        (b'{"rag": "red", "progress": "' + b"x" * 200_000 + b'", "version": 1}', "body"),
    ],
    ids=[
        "lone-surrogate-progress",
        "lone-surrogate-impact",
        "nul-progress",
        "nul-evidence-link",
        "version-over-2-31",
        "version-0",
        "json-nested-100000-deep",
        "json-nested-41-deep",
        "body-over-100000-bytes",
    ],
)
def test_an_unstorable_update_is_a_422_naming_the_field_and_nothing_is_saved(
    api, signed, raw, field
):
    action = tvp_actions(api, signed)["1.1"]
    response = post_raw(api, action["id"], signed, raw)
    assert response.status_code == 422, response.text
    assert set(response.json()["errors"]) == {field}
    after = api.get(f"/api/actions/{action['id']}", headers=signed).json()
    assert after["version"] == action["version"]
