"""Undoing an import whose new actions a chair has challenged since: refused, saying which."""

from __future__ import annotations

import re

from tests.support.accounts import csrf_headers
from tracker.core import clock
from tracker.core.tables import Action, Challenge, ImportRecord


def challenge(client, ref: str) -> None:
    """A chair's question on Thames Valley Police's action `ref`."""

    async def raise_it() -> None:
        action = await (
            Action.select(Action.id)
            .where((Action.plan.name == "Thames Valley Police") & (Action.ref == ref))
            .first()
        )
        await Challenge.insert(
            Challenge(
                action=action["id"],
                question="Why is this behind?",
                reply_wanted_by=clock.today(),
                raised_by="chair@example.org",
                raised_at=clock.now(),
            )
        )

    with client.portal() as portal:
        portal.call(raise_it)


def tvp_import(client) -> int:
    with client.portal() as portal:
        query = ImportRecord.select(ImportRecord.id).where(
            ImportRecord.plans == "Thames Valley Police"
        )
        return portal.call(query.first().run)["id"]


def test_undoing_an_import_whose_new_action_was_challenged_is_refused_naming_it(tvp_client):
    challenge(tvp_client, "4.1")
    challenge(tvp_client, "1.2")
    import_id = tvp_import(tvp_client)

    refused = tvp_client.post(f"/imports/{import_id}/undo", headers=csrf_headers(tvp_client))

    assert refused.status_code == 409
    message = re.sub(r"\s+", " ", refused.text)
    assert "cannot be undone: it created actions 1.2, 4.1, which have since been challenged" in (
        message
    )
    with tvp_client.portal() as portal:
        assert portal.call(Action.count().where(Action.plan.name == "Thames Valley Police").run)
        assert portal.call(Challenge.count().run) == 2
        undone = ImportRecord.select(ImportRecord.undone_at).where(ImportRecord.id == import_id)
        assert portal.call(undone.first().run)["undone_at"] is None


def test_undoing_an_import_that_only_updated_a_challenged_action_keeps_the_challenge(
    two_quarters_client,
):
    client = two_quarters_client
    challenge(client, "1.1")  # made by the Q1 import; Q2 gave it a new update
    with client.portal() as portal:
        q2 = ImportRecord.select(ImportRecord.id).order_by(ImportRecord.id, ascending=False)
        import_id = portal.call(q2.first().run)["id"]

    undone = client.post(f"/imports/{import_id}/undo", headers=csrf_headers(client))

    assert undone.status_code == 200
    assert "Undone." in undone.text
    with client.portal() as portal:
        assert portal.call(Challenge.count().run) == 1
