"""The business unit's flagged-text list: what was confirmed, redacting it, clearing it."""

from datetime import date

from tests.plans.test_pages import text_of
from tests.support.accounts import CHAIR, csrf_headers, sign_in
from tests.support.lookups import ids
from tests.support.queries import counting_queries
from tracker.accounts.sessions import SignedIn
from tracker.core.roles import Role
from tracker.core.tables import Action, FlaggedText
from tracker.updates.rules import UpdateForm
from tracker.updates.store import record_update

PHONE = "01865 123456"
BU = SignedIn(1, "bu@example.org", "", Role.BUSINESS_UNIT, frozenset())


def confirmed_update(client, action_id: int, progress: str) -> None:
    async def save() -> None:
        version = await Action.select(Action.version).where(Action.id == action_id).first()
        await record_update(
            action_id,
            UpdateForm("amber", progress),
            version=version["version"],
            person=BU,
            today=date(2020, 9, 30),
            confirmed=True,
        )

    with client.portal() as portal:
        portal.call(save)


def post(client, path):
    return client.post(path, headers=csrf_headers(client), follow_redirects=False)


def flag_ids(client) -> list[int]:
    with client.portal() as portal:
        rows = portal.call(FlaggedText.select(FlaggedText.id).order_by(FlaggedText.id).run)
    return [row["id"] for row in rows]


def test_the_list_shows_where_what_and_who_with_the_identifier_marked(tvp_client):
    action = ids(tvp_client, "agency", "1.2")
    confirmed_update(tvp_client, action["id"], f"Ring mum on {PHONE} today")
    page = tvp_client.get("/flagged-text")
    assert page.status_code == 200
    assert f'<a href="/actions/{action["id"]}">Update to action 1.2, Thames Valley Police</a>' in (
        page.text
    )
    assert f'<mark>{PHONE}<span class="visually-hidden"> (looks like a phone number)' in page.text
    words = text_of(page.text)
    assert "Open (1)" in words and "Redacted (0)" in words and "Cleared (0)" in words
    assert "bu@example.org" in words and "Progress" in words and "a phone number" in words


def test_redacting_replaces_the_text_and_the_action_page_shows_the_redaction(tvp_client):
    action = ids(tvp_client, "agency", "1.2")
    confirmed_update(tvp_client, action["id"], f"Ring mum on {PHONE} today")
    [flag] = flag_ids(tvp_client)
    done = post(tvp_client, f"/flagged-text/{flag}/redact")
    assert done.status_code == 303 and done.headers["location"] == "/flagged-text?done=redacted"
    assert "The original is no longer kept" in tvp_client.get(done.headers["location"]).text
    page = tvp_client.get(f"/actions/{action['id']}").text
    assert "Ring mum on [redacted phone number] today" in page and PHONE not in page
    assert "Redacted by business-unit@example.org" in text_of(
        tvp_client.get("/flagged-text?show=redacted").text
    )
    again = post(tvp_client, f"/flagged-text/{flag}/redact")
    assert again.status_code == 409 and "already redacted" in again.text
    assert post(tvp_client, f"/flagged-text/{flag}/clear").status_code == 409


def test_clearing_keeps_the_text_and_moves_it_to_cleared(tvp_client):
    action = ids(tvp_client, "agency", "1.2")
    confirmed_update(tvp_client, action["id"], "Helpline 0300 123 4567 advertised")
    [flag] = flag_ids(tvp_client)
    assert post(tvp_client, f"/flagged-text/{flag}/clear").status_code == 303
    assert "No open flags." in tvp_client.get("/flagged-text").text
    assert "Not personal data: cleared by" in tvp_client.get("/flagged-text?show=cleared").text
    assert "Helpline 0300 123 4567 advertised" in tvp_client.get(f"/actions/{action['id']}").text
    assert post(tvp_client, "/flagged-text/999999/clear").status_code == 404


def test_a_chair_cannot_see_or_redact_flagged_text(tvp_client):
    tvp_client.post("/sign-out", headers=csrf_headers(tvp_client))
    assert sign_in(tvp_client, CHAIR).status_code == 303
    assert tvp_client.get("/flagged-text").status_code == 403
    assert post(tvp_client, "/flagged-text/1/redact").status_code == 403


def test_the_list_runs_the_same_queries_for_1_flag_as_for_8(tvp_client):
    counts = []
    with tvp_client.portal() as portal:
        actions = portal.call(
            Action.select(Action.id).where(Action.plan.kind == "agency").order_by(Action.id).run
        )
    for wanted in (1, 8):
        for action in actions[len(flag_ids(tvp_client)) : wanted]:
            confirmed_update(tvp_client, action["id"], f"Ring {PHONE}")
        with counting_queries() as counted:
            page = tvp_client.get("/flagged-text")
        assert page.text.count('id="flag-') == wanted
        counts.append(counted.count)
    assert counts[0] == counts[1] <= 8, counts
