"""Who is signed in, their agencies and lead titles and every strategy come from one query
(tracker.accounts.sessions.live_session): the same as the separate reads give them."""

from __future__ import annotations

from datetime import UTC, date, datetime

from tests.support.accounts import BUSINESS_UNIT, PASSWORD
from tests.support.queries import counting_queries
from tracker.accounts.sessions import live_session, signed_in_account
from tracker.accounts.sessions import sign_in as sign_in_service
from tracker.accounts.store import create_account
from tracker.core.chosen import every_strategy
from tracker.core.roles import Role
from tracker.core.shared_names import read_with_session, shared_names
from tracker.core.tables import Strategy

LEADS = ["Head of Service, North", 'The "Named" Nurse', "Directeur d’école", "A\\B lead"]


async def _more_strategies() -> None:
    """One with no days known and closed, one starting first: the order is every_strategy's."""
    await Strategy.insert(
        Strategy(name='Strategy "undated"', partnership="P", period="", starts=None, ends=None,
                 closed_at=datetime(2024, 1, 2, tzinfo=UTC)),
        Strategy(name="Neglect Strategy 2017-20", partnership="P", period="2017-20",
                 starts=date(2017, 4, 1), ends=date(2020, 3, 31)),
    )  # fmt: skip


def test_one_query_reads_what_the_separate_reads_did(client):
    with client.portal() as portal:
        portal.call(_more_strategies)
        portal.call(
            lambda: create_account(
                "many@example.org",
                Role.LEAD,
                agencies=["Thames Valley Police", "Oxford Health NHS Foundation Trust"],
                password=PASSWORD,
                name="Many Hats",
                lead_names=LEADS,
            )
        )
        outcome = portal.call(
            lambda: sign_in_service("many@example.org", PASSWORD, client="192.0.2.9")
        )
        session = portal.call(lambda: live_session(outcome.token))
        assert session is not None
        person = session.person
        separately = portal.call(
            lambda: signed_in_account(person.id, person.email, person.name, person.role)
        )
        assert (person.agency_ids, person.lead_names) == (
            separately.agency_ids,
            separately.lead_names,
        )
        assert len(person.agency_ids) == 2 and person.lead_names == frozenset(LEADS)
        every = portal.call(every_strategy)
        assert session.strategies == every
        assert len(every) == 3 and any(s.closed and s.period.starts is None for s in every)

        # The glossary and names every page shows, as their own query reads them.
        async def both():  # on the app's loop, where the request's context is
            read_with_session(session.glossary)
            with_session = await shared_names()
            read_with_session(None)
            return with_session, await shared_names()

        with_session, on_their_own = portal.call(both)
        assert with_session == on_their_own
        assert with_session["glossary"] and with_session["people"]["many@example.org"]
        # An account acting for no agency and no lead title: none of either, not "[null]".
        none = portal.call(lambda: sign_in_service(BUSINESS_UNIT, PASSWORD, client="192.0.2.9"))
        bare = portal.call(lambda: live_session(none.token))
        assert bare is not None
        assert (bare.person.agency_ids, bare.person.lead_names) == (frozenset(), frozenset())


def test_a_page_reads_the_session_and_the_strategies_in_one_query(client):
    with counting_queries() as log:
        assert client.get("/challenges").status_code == 200
    sessions = [q for q in log.queries if "sign_in_session" in q]
    assert len(sessions) == 1, sessions
    assert not any(q.lstrip().startswith('SELECT ALL "strategy"') for q in log.queries)
    assert not any("FROM account_agency" in q and "sign_in_session" not in q for q in log.queries)
    assert not any("glossary_term" in q and "sign_in_session" not in q for q in log.queries)
