"""Assurance as pages and reports read it, over TVP's Q1 (30 Jun 2020) and Q2 (30 Sep 2020) returns.

In Q1 TVP rated 4.1 red and 1.2 green; in Q2 4.1 went amber.
"""

import asyncio
from datetime import date

from tests.support.queries import counting_queries
from tracker.accounts.sessions import SignedIn
from tracker.assurance.outcomes import record_outcome
from tracker.assurance.queries import (
    action_assurance,
    disagreements,
    quarter_assurance,
    quarter_choices,
    with_assurance,
)
from tracker.assurance.ratings import set_assurance
from tracker.assurance.rules import AssuranceForm, OutcomeForm
from tracker.core import clock
from tracker.core.dates import Quarter
from tracker.core.roles import Role
from tracker.core.tables import Action, Update
from tracker.plans.portfolio import portfolio

TODAY = date(2020, 11, 15)
Q1, Q2 = Quarter(2020, 1), Quarter(2020, 2)
CHAIR = SignedIn(2, "chair@example.org", "", Role.CHAIR, frozenset())
TVP = "Thames Valley Police"


def tvp_action(ref: str) -> int:
    return (
        Action.select(Action.id)
        .where((Action.plan.agency.name == TVP) & (Action.ref == ref))
        .first()
        .run_sync()["id"]
    )


def assure(ref: str, quarter: Quarter, rag: str, reason: str = "Chair's view") -> int:
    action = tvp_action(ref)
    asyncio.run(
        set_assurance(action, AssuranceForm(quarter.slug, rag, reason), person=CHAIR, today=TODAY)
    )
    return action


def later_update(action_id: int, rag: str, day: date) -> None:
    Update.insert(
        Update(
            action=action_id,
            rag=rag,
            progress="Later",
            as_at=day,
            recorded_at=clock.now(),
            recorded_by="test",
            source="web",
        )
    ).run_sync()


def test_disagreements_compare_with_the_agencys_rating_at_the_quarters_end(two_quarters_db):
    assure("4.1", Q2, "amber")  # agrees: TVP said amber in Q2
    assure("1.2", Q2, "red", "No evidence the guidance is used")  # TVP said green
    assure("4.1", Q1, "amber")  # disagrees with Q1's red, but that is Q1
    found = asyncio.run(disagreements(Q2))
    assert [(item.ref, item.agency_rag, item.assurance_rag) for item in found] == [
        ("1.2", "green", "red")
    ]
    [item] = found
    assert (item.plan, item.agency, item.reason, item.set_by, item.quarter) == (
        TVP,
        TVP,
        "No evidence the guidance is used",
        "chair@example.org",
        Q2,
    )
    assert item.action_text and item.set_at
    in_q1 = asyncio.run(disagreements(Q1))
    assert [(item.ref, item.agency_rag, item.assurance_rag) for item in in_q1] == [
        ("4.1", "red", "amber")
    ]


def test_an_agency_update_after_the_quarter_ends_does_not_change_its_disagreements(
    two_quarters_db,
):
    action = assure("1.2", Q2, "red")
    later_update(action, "red", date(2020, 10, 20))  # the agency agrees, but in Q3
    assert [item.ref for item in asyncio.run(disagreements(Q2))] == ["1.2"]


def test_an_update_recorded_late_about_a_day_in_the_quarter_counts_at_its_end(two_quarters_db):
    action = assure("1.2", Q2, "red")  # TVP said green in Q2: a disagreement
    later_update(action, "red", date(2020, 9, 29))  # recorded now, about Q2: agrees
    later_update(action, "green", date(2020, 10, 1))  # about Q3: not counted for Q2
    assert asyncio.run(disagreements(Q2)) == ()
    [item] = asyncio.run(quarter_assurance(Q2)).rated
    assert item.agency_rag == "red"


def test_a_quarter_lists_every_rating_and_counts_the_disagreements(two_quarters_db):
    assure("4.1", Q2, "amber")
    assure("1.2", Q2, "red")
    assured = asyncio.run(quarter_assurance(Q2))
    assert [item.ref for item in assured.rated] == ["1.2", "4.1"]  # plan order
    assert [item.ref for item in assured.disagreements] == ["1.2"]
    assert asyncio.run(quarter_assurance(Quarter(2020, 3))).rated == ()


def test_disagreements_run_two_queries_however_many_there_are(two_quarters_db):
    assure("1.2", Q2, "red")
    with counting_queries() as one:
        asyncio.run(disagreements(Q2))
    for ref in ("1.1", "2.1", "2.2", "7.2", "9.1"):
        assure(ref, Q2, "red")
    with counting_queries() as six:
        assert len(asyncio.run(disagreements(Q2))) == 6
    assert one.count == six.count == 2


def test_the_review_portfolio_shows_the_latest_quarters_rating_as_at_its_day(two_quarters_db):
    action = assure("1.2", Q2, "red")
    assure("1.2", Q1, "green")
    later_update(action, "red", date(2020, 10, 20))

    def assurance_on(day: date):
        found = asyncio.run(with_assurance(asyncio.run(portfolio(day))))
        return next(item.assurance for item in found.actions if item.id == action)

    in_q1 = assurance_on(date(2020, 6, 30))
    assert (in_q1.quarter, in_q1.rag, in_q1.agency_rag, in_q1.disagrees) == (
        Q1,
        "green",
        "green",
        False,
    )
    in_q2 = assurance_on(date(2020, 9, 30))
    assert (in_q2.quarter, in_q2.agency_rag, in_q2.disagrees) == (Q2, "green", True)
    # In November the Q2 rating still stands, compared with the agency's rating on 30 Sep.
    in_q3 = assurance_on(TODAY)
    assert (in_q3.quarter, in_q3.agency_on, in_q3.disagrees) == (Q2, date(2020, 9, 30), True)
    assert assurance_on(date(2020, 5, 1)).quarter == Q1
    before = asyncio.run(with_assurance(asyncio.run(portfolio(date(2020, 3, 31)))))
    assert all(item.assurance is None for item in before.actions)


def test_the_action_page_gets_the_standing_rating_every_rating_and_the_outcome(two_quarters_db):
    action = assure("7.2", Q1, "green", "Not convinced it is finished")
    assure("7.2", Q2, "blue", "Now finished")
    asyncio.run(
        record_outcome(
            action, OutcomeForm("not-yet", "Wait for the audit"), person=CHAIR, today=TODAY
        )
    )
    found = asyncio.run(action_assurance(action, date(2020, 8, 1)))
    assert found.current is not None
    assert (found.current.quarter, found.current.rag, found.current.agency_rag) == (
        Q2,
        "blue",
        "blue",
    )
    assert not found.current.disagrees
    assert [rating.quarter for rating in found.ratings] == [Q2, Q1]
    assert found.outcome is not None
    assert (found.outcome.label, found.outcome.note) == ("Not yet", "Wait for the audit")
    in_q1 = asyncio.run(action_assurance(action, date(2020, 6, 30)))
    assert in_q1.current is not None and in_q1.current.disagrees  # green vs complete
    nothing = asyncio.run(action_assurance(tvp_action("1.1"), TODAY))
    assert (nothing.current, nothing.ratings, nothing.outcome) == (None, (), None)


def test_the_form_offers_each_quarter_since_the_first_update_with_the_agencys_rating(
    two_quarters_db,
):
    assure("4.1", Q1, "amber")
    choices = asyncio.run(quarter_choices(tvp_action("4.1"), TODAY))
    assert [(c.quarter.label, c.agency_rag) for c in choices] == [
        ("2020-21 Q3", "amber"),
        ("2020-21 Q2", "amber"),
        ("2020-21 Q1", "red"),
    ]
    assert choices[0].agency_on == TODAY and choices[1].agency_on == date(2020, 9, 30)
    assert choices[2].rating is not None and choices[2].rating.rag == "amber"
    older = asyncio.run(quarter_choices(tvp_action("4.1"), TODAY, Quarter(2019, 4)))
    assert older[-1].quarter == Quarter(2019, 4) and older[-1].agency_rag is None
