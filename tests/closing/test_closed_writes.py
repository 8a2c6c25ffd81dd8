"""A closed strategy is read only: every write route that touches one of its plans, actions,
returns or quarters is refused with 409, saying so, and writes nothing."""

from __future__ import annotations

import html

import pytest

from tests.closing.support import close_first
from tests.support.accounts import csrf_headers
from tracker.core.tables import (
    Action,
    AssuranceRating,
    AuditEvent,
    Challenge,
    CoreComponent,
    Escalation,
    LearningLink,
    PlanReturn,
    QuarterDeadline,
    ReportFrontSheet,
    ReportMessage,
    Update,
    UploadLink,
)

Q = "2020-21-Q2"
TABLES = (
    Action,
    Update,
    Challenge,
    Escalation,
    AssuranceRating,
    QuarterDeadline,
    PlanReturn,
    ReportMessage,
    ReportFrontSheet,
    UploadLink,
    LearningLink,
    AuditEvent,
    CoreComponent,
)
WRITES = {
    "update": (
        "/actions/{action}/update",
        {"rag": "green", "progress": "Rolled out.", "version": "1"},
    ),
    "edit": ("/actions/{action}/edit", {"lead": "Someone else", "version": "1"}),
    "core components": ("/actions/{action}/core-components", {"components": "1", "version": "1"}),
    "own core component": ("/core-components", {"number": "", "text": "Housing checked"}),
    "challenge": (
        "/actions/{action}/challenges",
        {"question": "What is holding this up?", "reply_wanted_by": "2026-12-31", "quarter": Q},
    ),
    "escalation": (
        "/escalations",
        {"action_id": "{action}", "escalated_to": "masa", "rationale": "Stuck.", "quarter": Q},
    ),
    "assurance": (
        "/actions/{action}/assurance",
        {"quarter": Q, "rag": "green", "reason": "Seen the evidence."},
    ),
    "deadline": (f"/returns/{Q}/deadline", {"deadline": "2020-10-31"}),
    "return submitted": (f"/returns/{Q}/plans/{{plan}}/submit", {"version": "0"}),
    "key messages": (f"/reports/{Q}/messages", {"text": "All on track."}),
    "front sheet": (
        f"/reports/{Q}/masa/front-sheet",
        {
            "meeting": "MASA",
            "meeting_date": "2020-10-20",
            "marking": "OFFICIAL",
            "purpose": "To note.",
            "summary": "On track.",
            "recommendations": "None.",
        },
    ),
    "upload link": (f"/returns/{Q}/plans/{{plan}}/upload-links", {}),
    "learning link": ("/actions/{action}/learning", {"item_id": "1"}),
}


def row_counts(client) -> dict[str, int]:
    with client.portal() as portal:
        return {table.__name__: portal.call(table.count().run) for table in TABLES}


def tvp_action() -> dict:
    return (
        Action.select(Action.id, Action.plan)
        .where((Action.plan.agency.name == "Thames Valley Police") & (Action.ref == "1.1"))
        .first()
        .run_sync()
    )


@pytest.mark.parametrize("write", sorted(WRITES))
def test_a_closed_strategys_write_is_refused_and_writes_nothing(tvp_db, serve, write):
    action = tvp_action()
    close_first()
    path, form = WRITES[write]
    ids = {"action": action["id"], "plan": action["plan"]}
    url = path.format(**ids)
    data = {name: value.format(**ids) for name, value in form.items()}
    with serve(tvp_db) as client:
        before = row_counts(client)
        answer = client.post(url, data=data, headers=csrf_headers(client), follow_redirects=False)
        after = row_counts(client)
    assert answer.status_code == 409, answer.text[:2000]
    assert "is closed, so it is read only" in html.unescape(answer.text)
    assert after == before


def test_a_closed_strategys_update_through_the_api_is_refused(tvp_db, serve):
    from tests.web.test_route_matrix import BU, token_for

    action = tvp_action()
    close_first()
    with serve(tvp_db) as client:
        with client.portal() as portal:
            token = portal.call(token_for, BU)
        before = row_counts(client)
        answer = client.post(
            f"/api/actions/{action['id']}/updates",
            json={"rag": "green", "progress": "Rolled out.", "version": 1},
            headers={"Authorization": f"Bearer {token}"},
        )
        after = row_counts(client)
    assert answer.status_code == 409, answer.text
    assert after == before


def test_importing_into_or_undoing_an_import_of_a_closed_strategy_is_refused(tvp_db):
    import asyncio
    from datetime import date

    from tests.support.returns import TVP_Q1
    from tracker.core.closed import StrategyClosed
    from tracker.core.tables import ImportRecord
    from tracker.imports.service import import_workbook
    from tracker.imports.undo import undo_import

    close_first()
    before = {table.__name__: table.count().run_sync() for table in TABLES}
    with pytest.raises(StrategyClosed):
        asyncio.run(
            import_workbook(
                TVP_Q1.read_bytes(),
                file_name=TVP_Q1.name,
                as_at=date(2020, 9, 30),
                recorded_by="bu@example.org",
            )
        )
    for record in ImportRecord.select(ImportRecord.id).run_sync():  # the seed's and TVP's
        with pytest.raises(StrategyClosed):
            asyncio.run(undo_import(record["id"], undone_by="bu@example.org"))
    assert {table.__name__: table.count().run_sync() for table in TABLES} == before
    assert ImportRecord.count().where(ImportRecord.undone_at.is_not_null()).run_sync() == 0
