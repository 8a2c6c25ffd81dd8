"""The business unit's users page: list, add, change, disable, enable, reset a password."""

import json
import re

import pytest

from tests.support.accounts import (
    BUSINESS_UNIT,
    CHAIR,
    PASSWORD,
    TVP_LEAD,
    VIEWER,
    csrf_headers,
    sign_in,
)
from tests.support.portal import call
from tracker.accounts.changes import account_details
from tracker.accounts.sessions import sign_in as check_sign_in
from tracker.audit.kinds import AuditKind
from tracker.core.roles import Role
from tracker.core.tables import Account, AuditEvent

OCC = "Oxfordshire County Council, Children's Social Care"


def details(client, account):
    return call(client, lambda: account_details(account))


def audit(client, kind: AuditKind) -> list[dict]:
    rows = call(
        client,
        lambda: AuditEvent.select().where(AuditEvent.kind == kind.value).order_by(AuditEvent.id),
    )
    return [
        {**row, "before": json.loads(row["before"]), "after": json.loads(row["after"])}
        for row in rows
    ]


def post(client, path, data=None, **kwargs):
    return client.post(
        path, data=data or {}, headers=csrf_headers(client), follow_redirects=False, **kwargs
    )


def test_the_list_shows_every_account_with_role_agencies_and_state(client):
    page = client.get("/users")
    assert page.status_code == 200
    rows = {
        email: row
        for row in re.findall(r"<tr>(.*?)</tr>", page.text, re.S)
        for email in [BUSINESS_UNIT, CHAIR, TVP_LEAD, VIEWER]
        if f"<td>{email}</td>" in row
    }
    assert len(rows) == 4
    assert "Agency lead" in rows[TVP_LEAD] and "Thames Valley Police" in rows[TVP_LEAD]
    assert "Strategy chair" in rows[CHAIR] and "Never" in rows[CHAIR] and "Active" in rows[CHAIR]
    assert "Never" not in rows[BUSINESS_UNIT]  # signed in just now
    assert '<a href="/users"' in page.text and '<a href="/audit"' in page.text


def test_adding_a_lead_shows_a_one_time_link_never_a_password_and_it_signs_in(client):
    """Without SMTP_URL the invitation link is shown once, for the business unit to hand over;
    nobody but the new person ever knows their password."""
    added = post(
        client,
        "/users",
        {
            "email": " New.Lead@Example.org ",
            "name": "Nia Lead",
            "role": "lead",
            "agencies": ["Thames Valley Police", OCC],
            "lead_titles": "ESAT Manager\n\n  Head of Early Help \n",
        },
    )
    assert added.status_code == 200, added.text
    assert added.headers["cache-control"] == "no-store"
    assert 'class="password"' not in added.text
    link = re.search(
        r'id="handed-link" class="token" value="http://localhost:8000([^"]+)"', added.text
    )[1]
    assert "Account created for new.lead@example.org" in added.text
    account = details(client, "new.lead@example.org")
    assert (account.name, account.role) == ("Nia Lead", Role.LEAD)
    assert account.agencies == (OCC, "Thames Valley Police")
    assert account.lead_names == ("ESAT Manager", "Head of Early Help")
    assert link not in client.get("/users").text  # shown once only
    [entry] = audit(client, AuditKind.ACCOUNT_CREATED)[-1:]
    assert (entry["actor"], entry["subject"]) == (BUSINESS_UNIT, "new.lead@example.org")
    assert "Choose your password" in client.get(link).text
    chosen = client.post(
        link,
        data={"password": "granite lantern meadow 7", "confirm": "granite lantern meadow 7"},
        headers=csrf_headers(client),
        follow_redirects=False,
    )
    assert chosen.status_code == 303
    signed = call(
        client,
        lambda: check_sign_in("new.lead@example.org", "granite lantern meadow 7", client="t"),
    )
    assert signed.token


def test_bad_input_is_listed_at_the_top_said_by_each_field_and_kept(client):
    response = post(
        client,
        "/users",
        {
            "email": "",
            "name": "Kept Name",
            "role": "chair",
            "agencies": ["Thames Valley Police"],
            "lead_titles": "Kept Title",
        },
    )
    assert response.status_code == 400
    summary = re.search(r'<div class="error-summary".*?</div>', response.text, re.S)[0]
    assert '<a href="#email">Enter their email address' in summary
    assert '<a href="#role">Only agency leads have agencies or lead titles' in summary
    assert 'id="email-error"' in response.text and 'id="role-error"' in response.text
    assert 'value="Kept Name"' in response.text
    assert re.search(r'value="chair" id="role-chair" checked', response.text)
    assert re.search(r'value="Thames Valley Police" id="[^"]+" checked', response.text)
    assert ">Kept Title</textarea>" in response.text
    assert response.text.count("<title>Error: Users") == 1
    assert call(client, lambda: Account.count().run()) == 4


@pytest.mark.parametrize(
    ("form", "field", "message"),
    [
        ({"email": "not-an-email", "role": "viewer"}, "email", "in the right form"),
        ({"email": VIEWER.upper(), "role": "viewer"}, "email", "already an account"),
        ({"email": "x@example.org"}, "role", "Choose what they may do"),
        ({"email": "x@example.org", "role": "root"}, "role", "Choose what they may do"),
        ({"email": "x@example.org", "role": "viewer", "name": "n" * 201}, "name", "200"),
        (
            {"email": "x@example.org", "role": "lead", "agencies": ["Nowhere"]},
            "agencies",
            "no agency called",
        ),
        ({"email": "x@example.org", "role": "lead"}, "agencies", "can update no action"),
    ],
)
def test_each_kind_of_bad_input_is_said_by_its_field(client, form, field, message):
    response = post(client, "/users", form)
    assert response.status_code == 400
    error = re.search(
        rf'<p class="error-message" id="{field}-error">(.*?)</p>', response.text, re.S
    )
    assert error and message in error[1]
    assert call(client, lambda: Account.count().run()) == 4


def test_saving_changes_a_lead_into_a_viewer_and_records_it(client):
    lead = details(client, TVP_LEAD)
    form = client.get(f"/users/{lead.id}")
    assert 'value="Thames Valley Police" id="' in form.text and "checked" in form.text
    saved = post(client, f"/users/{lead.id}", {"name": "Lee Lead", "role": "viewer"})
    assert saved.status_code == 303 and saved.headers["location"] == f"/users/{lead.id}?done=saved"
    assert "Saved." in client.get(saved.headers["location"]).text
    now = details(client, lead.id)
    assert (now.name, now.role, now.agencies) == ("Lee Lead", Role.VIEWER, ())
    [entry] = audit(client, AuditKind.ACCOUNT_CHANGED)
    assert entry["before"]["role"] == "lead" and entry["after"]["role"] == "viewer"


def test_saving_bad_input_keeps_what_was_typed_and_changes_nothing(client):
    viewer = details(client, VIEWER)
    response = post(
        client,
        f"/users/{viewer.id}",
        {"name": "Typed", "role": "viewer", "lead_titles": "ESAT Manager"},
    )
    assert response.status_code == 400
    assert 'value="Typed"' in response.text and ">ESAT Manager</textarea>" in response.text
    assert '<a href="#role">' in response.text
    assert details(client, viewer.id) == viewer


def test_the_business_unit_cannot_demote_or_disable_themselves(client):
    me = details(client, BUSINESS_UNIT)
    demoted = post(client, f"/users/{me.id}", {"role": "viewer"})
    assert demoted.status_code == 400
    assert "cannot change your own role" in demoted.text
    assert "Disable this account" not in client.get(f"/users/{me.id}").text
    disabled = post(client, f"/users/{me.id}/disable")
    assert disabled.status_code == 409
    assert "You cannot disable your own account." in disabled.text
    assert details(client, me.id) == me


def test_disable_then_enable_an_account(client):
    chair = details(client, CHAIR)
    disabled = post(client, f"/users/{chair.id}/disable")
    assert disabled.headers["location"] == f"/users/{chair.id}?done=disabled"
    assert not details(client, chair.id).active
    page = client.get(f"/users/{chair.id}")
    assert "Disabled: cannot sign in" in page.text and "Enable this account" in page.text
    assert ">Disabled<" in client.get("/users").text
    assert call(client, lambda: check_sign_in(CHAIR, PASSWORD, client="t")).token is None
    enabled = post(client, f"/users/{chair.id}/enable")
    assert enabled.headers["location"] == f"/users/{chair.id}?done=enabled"
    assert details(client, chair.id).active
    kinds = [AuditKind.ACCOUNT_DISABLED, AuditKind.ACCOUNT_ENABLED]
    assert [len(audit(client, kind)) for kind in kinds] == [1, 1]


def test_a_password_link_for_someone_is_shown_once_and_their_password_stays_until_used(client):
    viewer = details(client, VIEWER)
    reset = post(client, f"/users/{viewer.id}/reset-password")
    assert reset.status_code == 200 and reset.headers["cache-control"] == "no-store"
    link = re.search(
        r'id="handed-link" class="token" value="http://localhost:8000([^"]+)"', reset.text
    )[1]
    assert call(client, lambda: check_sign_in(VIEWER, PASSWORD, client="t")).token
    assert "Choose a new password" in client.get(link).text
    [entry] = audit(client, AuditKind.PASSWORD_LINK_MADE)
    assert (entry["actor"], entry["subject"]) == (BUSINESS_UNIT, VIEWER)
    assert "Password reset link made, working once for 1 day" == entry["summary"]


def test_an_unknown_account_is_a_page_not_found(client):
    assert client.get("/users/999999").status_code == 404
    assert post(client, "/users/999999/enable").status_code == 404


def routes(viewer_id: int) -> list[tuple[str, str, dict]]:
    form = {"email": "sneaky@example.org", "role": "business-unit", "name": "Sneaky"}
    return [
        ("GET", "/users", {}),
        ("GET", f"/users/{viewer_id}", {}),
        ("GET", "/audit", {}),
        ("GET", "/audit?kind=sign-in&page=2", {}),
        ("POST", "/users", form),
        ("POST", f"/users/{viewer_id}", {"role": "business-unit", "name": "Sneaky"}),
        ("POST", f"/users/{viewer_id}/disable", {}),
        ("POST", f"/users/{viewer_id}/enable", {}),
        ("POST", f"/users/{viewer_id}/reset-password", {}),
    ]


def snapshot(client) -> tuple:
    accounts = call(client, lambda: Account.select().order_by(Account.id))
    events = call(client, lambda: AuditEvent.count().run())
    return accounts, events


@pytest.mark.parametrize("who", [CHAIR, TVP_LEAD, VIEWER])
def test_no_one_but_the_business_unit_may_use_any_users_or_audit_route(anonymous_client, who):
    client = anonymous_client
    assert sign_in(client, who).status_code == 303
    viewer = details(client, VIEWER)
    before = snapshot(client)
    for method, path, data in routes(viewer.id):
        if method == "GET":
            response = client.get(path)
        else:
            response = post(client, path, data)
        assert response.status_code == 403, (method, path)
        assert "You do not have access to this page" in response.text
    assert snapshot(client) == before
    nav = client.get("/").text
    assert 'href="/users"' not in nav and 'href="/audit"' not in nav


def test_a_stranger_is_sent_to_sign_in_and_changes_nothing(anonymous_client):
    client = anonymous_client
    viewer = details(client, VIEWER)
    before = snapshot(client)
    for method, path, data in routes(viewer.id):
        if method == "GET":
            response = client.get(path, follow_redirects=False)
        else:
            response = post(client, path, data)
        assert response.status_code == 303, (method, path)
        assert response.headers["location"].startswith("/sign-in?next=")
    assert snapshot(client) == before


def test_a_post_without_the_csrf_token_is_refused_and_changes_nothing(client):
    viewer = details(client, VIEWER)
    before = snapshot(client)
    for method, path, data in routes(viewer.id):
        if method == "POST":
            response = client.post(path, data=data, follow_redirects=False)
            assert response.status_code == 403, path
    assert snapshot(client) == before
