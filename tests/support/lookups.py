"""Reading the database from a test while a TestClient serves it (on its own event loop)."""

from tracker.core.tables import Action


def ids(client, kind: str, ref: str) -> dict:
    with client.portal() as portal:
        return portal.call(
            Action.select(Action.id, Action.version, Action.plan)
            .where((Action.ref == ref) & (Action.plan.kind == kind))
            .first()
            .run
        )


def count(client, query):
    with client.portal() as portal:
        return portal.call(query.run)
