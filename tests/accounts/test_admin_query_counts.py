"""The users and audit pages run a fixed number of queries, however many accounts or entries."""

from tests.support.accounts import make_account_async
from tests.support.portal import call
from tests.support.queries import counting_queries
from tracker.audit.kinds import AuditKind
from tracker.audit.trail import append
from tracker.core.roles import Role


async def more_leads_and_entries() -> None:
    for number in range(6):
        await make_account_async(Role.LEAD, f"lead{number}@example.org", agencies=("TVP",))
    for number in range(30):
        await append(AuditKind.ACCOUNT_CHANGED, "someone@example.org", after={"n": number})


def test_the_users_and_audit_pages_run_a_fixed_number_of_queries(client):
    with counting_queries() as few:
        assert client.get("/users").status_code == 200
        assert client.get("/audit").status_code == 200
    call(client, more_leads_and_entries)
    with counting_queries() as many:
        assert client.get("/users").status_code == 200
        assert client.get("/audit").status_code == 200
    assert few.count == many.count <= 16, many.queries
