"""Each proposal is decided once, all or nothing: of two people accepting at once one wins and
the other is told; an edit the plan has moved on from is refused, and nothing changes."""

from __future__ import annotations

import asyncio
from concurrent.futures import ThreadPoolExecutor

from tests.proformas.test_import_page import first_action, tvp_proforma_with_an_edit
from tests.proformas.test_round_trip import filled_tvp_proforma, run_import
from tests.support.accounts import csrf_headers
from tracker.core.tables import Action, AuditEvent, Proposal, Update
from tracker.imports.undo import undo_import

TIMES = 6


def test_proposals_accepted_at_once_by_several_people_apply_once(tvp_db, serve):
    run_import(filled_tvp_proforma(added=True), submit_return=True)
    [proposal] = Proposal.select(Proposal.id, Proposal.ref).run_sync()
    actions = Action.count().run_sync()
    with serve(tvp_db) as client:
        headers = csrf_headers(client)

        def accept(_: int):
            return client.post(
                f"/proposals/{proposal['id']}/accept", headers=headers, follow_redirects=False
            )

        with ThreadPoolExecutor(TIMES) as pool:
            answers = list(pool.map(accept, range(TIMES)))

    assert sorted(a.status_code for a in answers) == [303] + [409] * (TIMES - 1)
    assert all("already accepted" in a.text for a in answers if a.status_code == 409)
    assert Action.count().run_sync() == actions + 1
    assert Action.count().where(Action.ref == proposal["ref"]).run_sync() >= 1
    decided = AuditEvent.count().where(AuditEvent.kind == "proposal-accepted").run_sync()
    assert decided == 1


def test_an_edit_the_plan_moved_on_from_is_refused_and_nothing_changes(tvp_db, serve):
    run_import(tvp_proforma_with_an_edit())
    [proposal] = Proposal.select(Proposal.id).run_sync()
    action = first_action()
    Action.update({Action.text: "Re-worded by the business unit"}).where(
        Action.id == action["id"]
    ).run_sync()
    with serve(tvp_db) as client:
        answer = client.post(
            f"/proposals/{proposal['id']}/accept",
            headers=csrf_headers(client),
            follow_redirects=False,
        )
    assert answer.status_code == 409
    assert "has changed since the agency proposed this" in " ".join(answer.text.split())
    assert first_action()["text"] == "Re-worded by the business unit"
    assert Proposal.select(Proposal.status).first().run_sync()["status"] == "proposed"


def test_undoing_the_import_takes_its_waiting_proposals_with_it(tvp_db):
    outcome = run_import(filled_tvp_proforma(added=True))
    assert Proposal.count().run_sync() == 1
    asyncio.run(undo_import(outcome.import_id, undone_by="officer"))
    assert Proposal.count().run_sync() == 0
    assert Update.count().where(Update.import_record == outcome.import_id).run_sync() == 0
