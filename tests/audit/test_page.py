"""The business unit's audit trail page: filters that filter, and no way to change an entry."""

import re
from datetime import date, timedelta

from tests.support.accounts import BUSINESS_UNIT, TVP_LEAD, csrf_headers
from tests.support.clock import TODAY, on_today
from tests.support.portal import call
from tracker.accounts.sessions import sign_in
from tracker.core.tables import AuditEvent


def rows(page) -> list[str]:
    body = re.search(r"<tbody>(.*?)</tbody>", page.text, re.S)
    return re.findall(r"<tr>(.*?)</tr>", body[1], re.S) if body else []


def count(page) -> str:
    return re.search(r'<h2 id="entries">([^<]+)</h2>', page.text)[1]


def make_events(client) -> None:
    for email in ("ann@example.org", "bob@example.org"):
        added = client.post(
            "/users",
            data={"email": email, "name": email[:3].title(), "role": "viewer"},
            headers=csrf_headers(client),
        )
        assert added.status_code == 200
    for _ in range(2):
        refused = call(client, lambda: sign_in(TVP_LEAD, "not the password", client="10.0.0.9"))
        assert refused.token is None


@on_today
def test_the_trail_lists_events_newest_first_with_a_count(client):
    make_events(client)
    page = client.get("/audit")
    assert page.status_code == 200
    total = call(client, lambda: AuditEvent.count().run())
    assert count(page) == f"{total} entries"
    listed = rows(page)
    assert len(listed) == total
    assert "Failed sign-in" in listed[0] and TVP_LEAD in listed[0]
    assert "Wrong password" in listed[0]
    created = next(row for row in listed if "bob@example.org" in row and "Account created" in row)
    assert BUSINESS_UNIT in created and "Viewer account created" in created
    assert re.search(r"<dt>Role</dt><dd><span class=\"after\">Viewer</span>", created)
    today = TODAY
    assert f"{today.day} {today:%b %Y} {today:%H}:" in listed[0]


@on_today
def test_each_filter_narrows_what_is_listed(client):
    make_events(client)
    failed = client.get("/audit", params={"kind": "sign-in-failed"})
    assert count(failed) == "2 entries"
    assert all("Failed sign-in" in row for row in rows(failed))
    assert 'value="sign-in-failed" selected' in failed.text
    by_person = client.get("/audit", params={"person": "BUSINESS-unit@"})
    assert rows(by_person) and all(BUSINESS_UNIT in row for row in rows(by_person))
    assert not any(TVP_LEAD in row for row in rows(by_person))
    text = client.get("/audit", params={"text": "ann@"})
    assert count(text) == "1 entry" and "ann@example.org" in rows(text)[0]
    today = TODAY.date()
    tomorrow, yesterday = (today + timedelta(days=1)).isoformat(), (today - timedelta(days=1))
    assert count(client.get("/audit", params={"from": tomorrow})) == "0 entries"
    assert count(client.get("/audit", params={"to": yesterday.isoformat()})) == "0 entries"
    days = client.get(
        "/audit",
        params={"from": today.isoformat(), "to": today.isoformat(), "kind": "account-created"},
    )
    assert count(days) == "6 entries"  # the four standard accounts, and ann and bob
    none = client.get("/audit", params={"action": "4242"})
    assert count(none) == "0 entries" and "No entries match these filters." in none.text


def test_a_bad_filter_is_said_and_what_was_typed_is_kept(client):
    page = client.get("/audit", params={"from": "31/9/2020", "person": "ann"})
    assert page.status_code == 400
    assert '<a href="#from">Enter a real date' in page.text
    assert 'id="from-error"' in page.text and 'value="31/9/2020"' in page.text
    assert 'value="ann"' in page.text


def test_previous_and_next_pages_keep_the_filter(client):
    call(
        client,
        lambda: AuditEvent.insert(
            *(
                AuditEvent(
                    actor="quill", kind="sign-in", subject=f"s{n}", occurred_at=date(2020, 1, 1)
                )
                for n in range(60)
            )
        ).run(),
    )
    first = client.get("/audit", params={"kind": "sign-in", "person": "quil"})
    assert count(first) == "60 entries" and len(rows(first)) == 50
    assert 'href="/audit?kind=sign-in&amp;person=quil&amp;page=2"' in first.text
    assert "Previous page" not in first.text
    second = client.get("/audit?kind=sign-in&person=quil&page=2")
    assert len(rows(second)) == 10 and "Next page" not in second.text
    assert 'href="/audit?kind=sign-in&amp;person=quil"' in second.text


def test_no_route_can_change_or_remove_an_entry(client):
    make_events(client)
    before = call(client, lambda: AuditEvent.select().order_by(AuditEvent.id))
    for method in ("POST", "PUT", "PATCH", "DELETE"):
        for path in ("/audit", "/audit/1"):
            response = client.request(method, path, headers=csrf_headers(client))
            assert response.status_code in (404, 405), (method, path)
    assert call(client, lambda: AuditEvent.select().order_by(AuditEvent.id)) == before
    audit_routes = [route for route in client.app.routes if "audit" in route.path]
    assert [route.path for route in audit_routes] == ["/audit"]
    assert audit_routes[0].methods <= {"GET", "HEAD", "OPTIONS"}
