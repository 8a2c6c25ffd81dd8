"""A returned proforma through the Imports page or its plan's return page: no quarter to pick,
dated on the quarter's end, submitted unless the officer says draft; its proposals decided
one by one; risky rows skipped; a file for another plan refused before anything is written."""

from __future__ import annotations

import io
import re

from openpyxl import load_workbook

from tests.imports.test_pages import confirm_form, upload
from tests.proformas.test_round_trip import (
    FIRST,
    PROGRESS,
    Q2,
    Q2_END,
    RAG,
    filled_tvp_proforma,
    proforma,
)
from tests.returns.test_steps import tvp_plan
from tests.support.accounts import csrf_headers
from tests.support.lookups import count
from tracker.core.tables import Action, Plan, PlanReturn, Proposal, Update


def q2_state(plan_id: int) -> str | None:
    row = (
        PlanReturn.select(PlanReturn.state)
        .where((PlanReturn.plan == plan_id) & (PlanReturn.quarter == Q2.slug))
        .first()
        .run_sync()
    )
    return row["state"] if row else None


def imported_updates(done) -> list[dict]:
    import_id = int(re.search(r"/imports/(\d+)", done.headers["location"])[1])
    return (
        Update.select(Update.as_at, Update.rag).where(Update.import_record == import_id).run_sync()
    )


def confirm(client, preview_html: str, **choices):
    action, fingerprint = confirm_form(preview_html)
    return client.post(
        action,
        data={"fingerprint": fingerprint, **choices},
        headers=csrf_headers(client),
        follow_redirects=False,
    )


def test_the_imports_page_takes_a_proforma_back_as_the_quarters_submitted_return(tvp_db, serve):
    content = filled_tvp_proforma(added=True)
    plan_id = tvp_plan()
    with serve(tvp_db) as client:
        # The date field left as it comes (today): the proforma says its quarter.
        preview = upload(client, content, name="tvp-q2.xlsx", as_at="2026-11-10")
        done = confirm(client, preview.text)
        detail = " ".join(client.get(done.headers["location"]).text.split())

    page = " ".join(preview.text.split())
    assert "As at <strong>30 Sep 2020</strong> (2020-21 Q2, from the proforma)" in preview.text
    assert "0 actions to create, 5 to update, 8 unchanged" in page
    assert "What changes this quarter, action by action" in page
    assert "Proposed new actions" in page
    assert 'name="return_state" value="submitted" checked' in page
    assert done.status_code == 303
    dated = imported_updates(done)
    assert len(dated) == 5
    assert {row["as_at"] for row in dated} == {Q2_END}
    assert q2_state(plan_id) == "submitted"
    assert Proposal.count().where(Proposal.status == "proposed").run_sync() == 1
    # The import's own page sends the officer on to decide them.
    assert "1 proposed change to Thames Valley Police, 1 waiting for a decision" in detail
    assert f'href="/returns/{Q2.slug}/plans/{plan_id}#proposals"' in detail


def test_the_officer_can_keep_the_imported_return_in_progress(tvp_db, serve):
    filled = filled_tvp_proforma()
    with serve(tvp_db) as client:
        preview = upload(client, filled, as_at="2026-11-10")
        assert confirm(client, preview.text, return_state="draft").status_code == 303
    assert q2_state(tvp_plan()) == "draft"


def tvp_proforma_with_an_edit() -> bytes:
    """The agency re-worded the first action, in a locked column, and set its RAG."""
    workbook = load_workbook(io.BytesIO(proforma(tvp_plan())))
    sheet = workbook["Proforma"]
    sheet[f"C{FIRST}"] = "Brief every officer on neglect, twice a year"
    sheet[f"{RAG}{FIRST}"] = "Red"
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def first_action() -> dict:
    return (
        Action.select(Action.id, Action.ref, Action.text)
        .where(Action.plan == tvp_plan())
        .order_by(Action.position)
        .first()
        .run_sync()
    )


def test_a_changed_locked_text_is_a_proposed_edit_accepted_once_and_audited(tvp_db, serve):
    was = first_action()
    plan_id = tvp_plan()
    edited = tvp_proforma_with_an_edit()
    with serve(tvp_db) as client:
        preview = upload(client, edited, as_at="2026-11-10")
        assert "Proposed edits" in preview.text
        assert confirm(client, preview.text).status_code == 303
        # Read through the app's own loop: its connection pool is not this thread's.
        [proposal] = count(client, Proposal.select(Proposal.id, Proposal.field))
        still = count(client, Action.select(Action.text).where(Action.id == was["id"]).first())
        assert still["text"] == was["text"]  # not yet: only proposed
        assert proposal["field"] == "action"
        page = client.get(f"/returns/{Q2.slug}/plans/{plan_id}")
        assert "Proposed by the agency" in page.text
        assert "Brief every officer on neglect, twice a year" in page.text
        accept = f"/proposals/{proposal['id']}/accept"
        first = client.post(accept, headers=csrf_headers(client), follow_redirects=False)
        second = client.post(accept, headers=csrf_headers(client), follow_redirects=False)
        rejected = client.post(
            f"/proposals/{proposal['id']}/reject",
            headers=csrf_headers(client),
            follow_redirects=False,
        )
        audit = client.get("/audit")

    assert first.status_code == 303
    assert second.status_code == rejected.status_code == 409
    assert "already accepted" in second.text
    assert first_action()["text"] == "Brief every officer on neglect, twice a year"
    assert Proposal.select(Proposal.status).first().run_sync()["status"] == "accepted"
    assert "Proposed change accepted" in audit.text


def test_a_rejected_proposed_action_never_joins_the_plan(tvp_db, serve):
    filled = filled_tvp_proforma(added=True)
    with serve(tvp_db) as client:
        preview = upload(client, filled, as_at="2026-11-10")
        confirm(client, preview.text)
        [proposal] = count(client, Proposal.select(Proposal.id))
        done = client.post(
            f"/proposals/{proposal['id']}/reject",
            headers=csrf_headers(client),
            follow_redirects=False,
        )
    assert done.status_code == 303
    assert Action.count().where(Action.plan == tvp_plan()).run_sync() == 13
    assert Proposal.select(Proposal.status).first().run_sync()["status"] == "rejected"


def complete_first_action_then_return_it_green() -> bytes:
    action = first_action()
    Update.insert(
        Update(
            action=action["id"],
            rag="blue",
            progress="Done: every officer briefed",
            as_at=Q2_END,
            recorded_at=Q2_END,
            recorded_by="lead",
            source="web",
            impact="Referrals name neglect",
        )
    ).run_sync()
    workbook = load_workbook(io.BytesIO(proforma(tvp_plan())))
    sheet = workbook["Proforma"]
    sheet[f"{RAG}{FIRST}"] = "Green"
    sheet[f"{PROGRESS}{FIRST}"] = "Briefings planned"
    sheet[f"{RAG}{FIRST + 1}"] = "Red"
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def test_a_row_lowering_a_complete_action_is_listed_and_skipped_when_ticked(tvp_db, serve):
    content = complete_first_action_then_return_it_green()
    action = first_action()
    with serve(tvp_db) as client:
        preview = upload(client, content, as_at="2026-11-10")
        page = " ".join(preview.text.split())
        assert "Complete in the tracker; this file rates it Green" in page
        skip = re.search(r'name="skip" value="(\d+)"', page)[1]
        assert int(skip) == action["id"]
        done = confirm(client, preview.text, skip=skip)
        assert done.status_code == 303
    latest = (
        Update.select(Update.rag)
        .where(Update.action == action["id"])
        .order_by(Update.id, ascending=False)
        .first()
        .run_sync()
    )
    assert latest["rag"] == "blue"  # skipped: still Complete
    assert [row["rag"] for row in imported_updates(done)] == ["red"]  # the second row only


def test_the_return_page_imports_its_own_proforma_and_refuses_another_plans(tvp_db, serve):
    plan_id = tvp_plan()
    other = Plan.select(Plan.id).where(Plan.id != plan_id).first().run_sync()["id"]
    filled = filled_tvp_proforma()
    with serve(tvp_db) as client:
        page = client.get(f"/returns/{Q2.slug}/plans/{plan_id}")
        assert "Import the returned proforma" in page.text

        def send(to_plan: int):
            staged = client.post(
                f"/returns/{Q2.slug}/plans/{to_plan}/import",
                files={"file": ("tvp.xlsx", filled, "application/octet-stream")},
                headers=csrf_headers(client),
            )
            return staged

        wrong = send(other)
        refused = confirm(client, wrong.text) if "fingerprint" in wrong.text else None
        right = send(plan_id)
        done = confirm(client, right.text)

    assert "This file is the proforma of Thames Valley Police, not of" in " ".join(
        wrong.text.split()
    )
    assert refused is None  # no confirm button: nothing can be written
    assert q2_state(other) in (None, "not-started")
    assert done.status_code == 303
    assert q2_state(plan_id) == "submitted"
