"""Closing, carrying and the closing report over HTTP."""

from __future__ import annotations

import html
import io

from docx import Document
from openpyxl import load_workbook

from tests.closing.support import (
    NEXT,
    accept_last_quarter,
    actions_of,
    add_next_strategy,
    close_first,
    first_strategy,
    rate,
)
from tests.support.accounts import CHAIR, TVP_LEAD, csrf_headers, sign_in
from tracker.core.tables import Action, AuditEvent, Strategy


def post(client, path: str, data: dict | None = None):
    return client.post(path, data=data or {}, headers=csrf_headers(client), follow_redirects=False)


def test_the_close_page_names_the_plans_whose_returns_are_not_accepted(tvp_db, serve):
    waiting = accept_last_quarter(leave_out=1)
    strategy_id = first_strategy()["id"]
    with serve(tvp_db) as client:
        shown = client.get(f"/strategies/{strategy_id}/close")
        refused = post(client, f"/strategies/{strategy_id}/close")
    assert shown.status_code == 200
    assert "Not accepted yet" in shown.text
    assert 'action="/strategies/' not in shown.text  # no confirm form until they are
    assert refused.status_code == 409
    assert waiting[0] in html.unescape(refused.text)
    assert first_strategy()["closed_at"] is None


def test_the_business_unit_confirms_and_closes_and_is_sent_to_carry(tvp_db, serve):
    accept_last_quarter()
    strategy_id = first_strategy()["id"]
    with serve(tvp_db) as client:
        shown = client.get(f"/strategies/{strategy_id}/close")
        assert f'action="/strategies/{strategy_id}/close"' in shown.text
        closed = post(client, f"/strategies/{strategy_id}/close")
        assert closed.status_code == 303
        assert closed.headers["location"] == f"/strategies/{strategy_id}/carry?closed=1"
        carry = client.get(closed.headers["location"])
    assert "The strategy is closed" in carry.text
    assert first_strategy()["closed_at"] is not None
    assert AuditEvent.count().where(AuditEvent.kind == "strategy-closed").run_sync() == 1


def test_carrying_chosen_actions_from_the_page(tvp_db, serve):
    close_first()
    target = add_next_strategy()
    source = first_strategy()["id"]
    first, second, *_ = [row["id"] for row in actions_of(source)]
    with serve(tvp_db) as client:
        page = client.get(f"/strategies/{source}/carry")
        assert f'id="action-{first}"' in page.text and NEXT in page.text
        done = post(
            client,
            f"/strategies/{source}/carry",
            {"target": str(target), "action": [str(first), str(second)]},
        )
        assert done.status_code == 303, done.text
        again = client.get(done.headers["location"])
        assert "2 actions carried over." in again.text
        assert f'id="action-{first}"' not in again.text  # carried: no checkbox now
        twice = post(
            client, f"/strategies/{source}/carry", {"target": str(target), "action": [str(first)]}
        )
        assert twice.status_code == 409 and "already carried over" in twice.text
        new_id = [row["id"] for row in actions_of(target) if row["carried_from"] == first][0]
        new_page = client.get(f"/actions/{new_id}")
        old_page = client.get(f"/actions/{first}")
    assert "Carried over from Oxfordshire" in new_page.text or "Carried over from " in new_page.text
    assert "Update RAG and progress" in new_page.text
    assert "This strategy is closed: read only." in old_page.text
    assert f'<a href="/actions/{new_id}">Carried over to {NEXT} action' in old_page.text
    assert "Update RAG and progress" not in old_page.text


def test_the_new_action_shows_its_predecessors_updates(tvp_db, serve):
    close_first()
    target = add_next_strategy()
    source = first_strategy()
    old = actions_of(source["id"])[0]
    rate(old["id"], "amber")
    with serve(tvp_db) as client:
        post(
            client,
            f"/strategies/{source['id']}/carry",
            {"target": str(target), "action": [str(old["id"])]},
        )
        new_id = actions_of(target)[0]["id"]
        page = client.get(f"/actions/{new_id}").text
    assert f"Carried over from {source['name']} {old['ref']}" in page
    assert "amber on 2022-12-31" in page
    assert "31 Dec 2022" in page


def test_the_closing_report_lists_completed_carried_and_withdrawn_with_counts(tvp_db, serve):
    close_first()
    target = add_next_strategy()
    source = first_strategy()
    done, carried, withdrawn, *_ = actions_of(source["id"])
    rate(done["id"], "blue")
    Action.update(
        {Action.withdrawn_on: source["ends"], Action.withdrawn_reason: "=SUM(A1) no longer needed"}
    ).where(Action.id == withdrawn["id"]).run_sync()
    with serve(tvp_db) as client:
        post(
            client,
            f"/strategies/{source['id']}/carry",
            {"target": str(target), "action": [str(carried["id"])]},
        )
        page = client.get(f"/strategies/{source['id']}/closing-report").text
        xlsx = client.get(f"/strategies/{source['id']}/closing-report.xlsx")
        docx = client.get(f"/strategies/{source['id']}/closing-report.docx")
    assert "Completed" in page and "Withdrawn on 31 Mar 2023: =SUM(A1) no longer needed" in page
    assert 'Carried over to <a href="/actions/' in page and f"{NEXT} action" in page
    assert xlsx.headers["content-disposition"].endswith('.xlsx"')
    workbook = load_workbook(io.BytesIO(xlsx.content))
    cells = [cell for row in workbook["Actions"].iter_rows() for cell in row]
    said = [cell.value for cell in cells]
    assert "Withdrawn on 31 Mar 2023: =SUM(A1) no longer needed" in said
    assert all(cell.data_type != "f" for cell in cells)
    counts = [row for row in workbook["Counts"].iter_rows(values_only=True)]
    assert (
        "Plan",
        "Completed",
        "Carried over",
        "Withdrawn",
        "Not completed, not carried",
    ) in counts
    # A paper for the Board: marked, titled and numbered on every printed page, and dated.
    for sheet in workbook.worksheets:
        assert sheet.oddHeader.center.text == "OFFICIAL" == sheet.oddFooter.center.text
        assert "closing report" in sheet.oddHeader.right.text
        assert sheet.oddFooter.right.text == "Page &P of &N"
    assert counts[1][0].startswith("Produced on ")
    document = Document(io.BytesIO(docx.content))
    text = "\n".join(p.text for p in document.paragraphs)
    assert "closing report" in text and "Produced on " in text
    page = document.sections[0]
    assert "OFFICIAL" in page.header.paragraphs[0].text
    assert "OFFICIAL" in page.footer.paragraphs[0].text
    assert 'w:instr="NUMPAGES"' in page.footer._element.xml
    assert page.page_width > page.page_height  # landscape, for the wide tables
    cells_text = [
        cell.text
        for table in Document(io.BytesIO(docx.content)).tables
        for row in table.rows
        for cell in row.cells
    ]
    assert any(f"Carried over to {NEXT}" in value for value in cells_text)


def test_only_the_business_unit_closes_and_carries_and_chairs_read_the_report(tvp_db, serve):
    strategy_id = first_strategy()["id"]
    with serve(tvp_db) as client:
        client.post("/sign-out", headers=csrf_headers(client))
        assert sign_in(client, CHAIR).status_code == 303
        assert client.get(f"/strategies/{strategy_id}/close").status_code == 403
        assert post(client, f"/strategies/{strategy_id}/close").status_code == 403
        assert client.get(f"/strategies/{strategy_id}/carry").status_code == 403
        assert client.get(f"/strategies/{strategy_id}/closing-report").status_code == 200
        client.post("/sign-out", headers=csrf_headers(client))
        assert sign_in(client, TVP_LEAD).status_code == 303
        assert client.get(f"/strategies/{strategy_id}/closing-report").status_code == 403
    assert Strategy.select(Strategy.closed_at).first().run_sync()["closed_at"] is None


def test_a_wrong_due_date_is_said_next_to_its_field(tvp_db, serve):
    close_first()
    target = add_next_strategy()
    source = first_strategy()["id"]
    first = actions_of(source)[0]["id"]
    with serve(tvp_db) as client:
        answer = post(
            client,
            f"/strategies/{source}/carry",
            {"target": str(target), "action": [str(first)], f"due_{first}": "2024-13-01"},
        )
    assert answer.status_code == 422
    assert f'href="#due_{first}"' in answer.text
    assert f'id="due_{first}-error"' in answer.text
    assert 'value="2024-13-01"' in answer.text
    assert actions_of(target) == []


def test_a_closed_strategys_forms_are_not_offered(tvp_db, serve):
    from datetime import UTC, date, datetime

    from tests.returns.test_steps import tvp_plan
    from tracker.core.tables import Challenge

    action = actions_of(first_strategy()["id"])[0]["id"]
    raised = (
        Challenge.insert(
            Challenge(
                action=action,
                question="What is holding this up?",
                reply_wanted_by=date(2023, 3, 1),
                raised_by="chair@example.org",
                raised_at=datetime(2023, 2, 1, tzinfo=UTC),
            )
        )
        .returning(Challenge.id)
        .run_sync()[0]["id"]
    )
    close_first()
    plan = tvp_plan()
    with serve(tvp_db) as client:
        for form in ("update", "edit", "core-components"):
            answer = client.get(f"/actions/{action}/{form}")
            assert answer.status_code == 409, form
            assert "is closed, so it is read only" in html.unescape(answer.text)
        plan_page = client.get(f"/plans/{plan}").text
        return_page = client.get(f"/returns/2020-21-Q2/plans/{plan}").text
        challenge_page = client.get(f"/challenges/{raised}").text
    assert f"/challenges/{raised}/reply" not in challenge_page
    assert f"/challenges/{raised}/close" not in challenge_page
    for shown in (plan_page, return_page, challenge_page):
        assert "This strategy is closed: read only." in shown
    assert "/update" not in plan_page
    assert "/submit" not in return_page and "<form" not in return_page.split("<main")[1]
