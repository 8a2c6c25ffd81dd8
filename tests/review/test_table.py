"""Filtering and sorting the review table: pure, on a hand-built portfolio."""

from datetime import date, timedelta

from tests.review.builders import AS_AT, HEALTH, OVERARCHING, TVP, action, portfolio_of
from tracker.review.query import read_review_query
from tracker.review.table import about, due_note, ref_key, review_table, short_text


def table(portfolio, **values):
    asked = read_review_query(
        {name: value if isinstance(value, list) else [value] for name, value in values.items()},
        AS_AT,
    )
    return review_table(portfolio, asked)


def refs(found) -> list[str]:
    return [f"{row.plan_id}:{row.ref}" for row in found.rows]


OLD = date(2020, 6, 30)
PORTFOLIO = portfolio_of(
    action(
        1,
        "2.1",
        OVERARCHING,
        lead="OCC Performance Team",
        due=date(2020, 7, 31),
        rag=None,
        last_update=None,
        text="Refresh the Neglect Performance Dashboard",
        objective=(1, "2", "Evidence-led practice"),
    ),
    action(
        2,
        "1.1",
        TVP,
        due=AS_AT + timedelta(days=5),
        rag="amber",
        progress="Three of five briefings delivered",
        components=(3,),
    ),
    action(
        3,
        "1.10",
        TVP,
        rag="red",
        last_update=OLD,
        lead="Head of Safeguarding",
        due=date(2020, 9, 1),
        components=(3, 7),
    ),
    action(4, "1.2", TVP, rag="blue", last_update=OLD, due=date(2020, 8, 31)),
    action(
        5,
        "7.1",
        TVP,
        rag="amber",
        recurring="ongoing",
        last_update=OLD,
        objective=(11, "7", "Attendance at conferences"),
    ),
    action(
        6,
        "1.1",
        HEALTH,
        rag="green",
        lead=None,
        text="Audit the Was Not Brought policy",
        due=date(2021, 3, 31),
    ),
)


def test_with_no_filters_every_action_shows_in_plan_order_with_the_totals():
    found = table(PORTFOLIO)
    assert refs(found) == ["1:2.1", "2:1.1", "2:1.10", "2:1.2", "2:7.1", "3:1.1"]
    assert (found.total, found.overdue, found.due_soon, found.stale, found.red) == (6, 2, 1, 3, 1)


def test_filters_by_plan_agency_objective_and_core_component():
    assert refs(table(PORTFOLIO, plan="3")) == ["3:1.1"]
    assert refs(table(PORTFOLIO, agency="7")) == ["2:1.1", "2:1.10", "2:1.2", "2:7.1"]
    assert refs(table(PORTFOLIO, objective="11")) == ["2:7.1"]
    assert refs(table(PORTFOLIO, component="3")) == ["2:1.1", "2:1.10"]
    assert refs(table(PORTFOLIO, component="7")) == ["2:1.10"]


def test_several_rag_ratings_show_any_of_them_and_not_rated_is_a_choice():
    assert refs(table(PORTFOLIO, rag=["red", "amber"])) == ["2:1.1", "2:1.10", "2:7.1"]
    assert refs(table(PORTFOLIO, rag="none")) == ["1:2.1"]
    assert refs(table(PORTFOLIO, rag="blue")) == ["2:1.2"]


def test_overdue_due_soon_and_stale_all_have_to_hold_when_ticked_together():
    assert refs(table(PORTFOLIO, overdue="yes")) == ["1:2.1", "2:1.10"]
    assert refs(table(PORTFOLIO, due_soon="yes")) == ["2:1.1"]
    assert refs(table(PORTFOLIO, stale="yes")) == ["1:2.1", "2:1.10", "2:7.1"]
    assert refs(table(PORTFOLIO, overdue="yes", stale="yes", rag="red")) == ["2:1.10"]
    # Complete is never overdue nor stale, however old its due date and update.
    assert "2:1.2" not in refs(table(PORTFOLIO, overdue="yes")) + refs(
        table(PORTFOLIO, stale="yes")
    )


def test_the_lead_filter_matches_the_lead_exactly():
    assert refs(table(PORTFOLIO, lead="Head of Safeguarding")) == ["2:1.10"]


def test_free_text_finds_each_word_in_text_ref_lead_progress_or_objective_in_any_case():
    assert refs(table(PORTFOLIO, q="DASHBOARD")) == ["1:2.1"]
    assert refs(table(PORTFOLIO, q="briefings delivered")) == ["2:1.1"]  # progress
    assert refs(table(PORTFOLIO, q="occ performance")) == ["1:2.1"]  # lead
    assert refs(table(PORTFOLIO, q="conferences")) == ["2:7.1"]  # objective
    assert refs(table(PORTFOLIO, q="1.10")) == ["2:1.10"]  # ref
    assert refs(table(PORTFOLIO, q="brought dashboard")) == []  # every word must be found


def test_ids_and_leads_that_do_not_exist_are_named_and_not_applied():
    found = table(PORTFOLIO, plan="99", lead="Nobody", rag="red")
    assert dict(found.problems).keys() == {"plan", "lead"}
    assert refs(found) == ["2:1.10"]  # the readable part of the filter still applies
    assert (found.query.plan, found.query.lead) == (None, "")


def test_sorting_by_ref_compares_numbers_as_numbers():
    assert refs(table(PORTFOLIO, sort="ref")) == [
        "2:1.1",
        "3:1.1",
        "2:1.2",
        "2:1.10",
        "1:2.1",
        "2:7.1",
    ]
    assert ref_key("11.2") > ref_key("2.10") > ref_key("2.9")


def test_sorting_by_due_puts_actions_without_a_due_date_last_either_way_round():
    assert refs(table(PORTFOLIO, sort="due")) == [
        "1:2.1",
        "2:1.2",
        "2:1.10",
        "2:1.1",
        "3:1.1",
        "2:7.1",
    ]
    assert refs(table(PORTFOLIO, sort="-due")) == [
        "3:1.1",
        "2:1.1",
        "2:1.10",
        "2:1.2",
        "1:2.1",
        "2:7.1",
    ]


def test_sorting_by_days_overdue_puts_the_most_overdue_first():
    assert refs(table(PORTFOLIO, sort="-overdue"))[:2] == ["1:2.1", "2:1.10"]


def test_sorting_by_rag_puts_red_first_and_not_rated_last():
    assert refs(table(PORTFOLIO, sort="rag")) == [
        "2:1.10",
        "2:1.1",
        "2:7.1",
        "3:1.1",
        "2:1.2",
        "1:2.1",
    ]


def test_sorting_by_last_update_puts_never_updated_with_the_oldest():
    assert refs(table(PORTFOLIO, sort="updated"))[0] == "1:2.1"
    assert refs(table(PORTFOLIO, sort="-updated"))[-1] == "1:2.1"


def test_sorting_by_lead_is_alphabetical_ignoring_case_with_no_lead_last():
    found = refs(table(PORTFOLIO, sort="lead"))
    assert found[:2] == ["2:1.1", "2:1.2"]  # DCI Public Protection
    assert found[-1] == "3:1.1"  # no lead
    assert refs(table(PORTFOLIO, sort="-lead"))[-1] == "3:1.1"


def test_the_form_offers_only_objectives_and_leads_that_actions_have():
    found = table(PORTFOLIO)
    assert [group.plan for group in found.choices.objectives] == [
        "Overarching",
        "Thames Valley Police",
        "Oxford Health, NHS Foundation Trust",
    ]
    assert found.choices.leads == (
        "DCI Public Protection",
        "Head of Safeguarding",
        "OCC Performance Team",
    )


def test_the_due_date_is_said_in_days():
    overdue, soon, today = (
        action(9, "1", due=AS_AT - timedelta(days=1)),
        action(9, "1", due=AS_AT + timedelta(days=5)),
        action(9, "1", due=AS_AT),
    )
    assert [due_note(overdue), due_note(soon), due_note(today)] == [
        "1 day overdue",
        "due in 5 days",
        "due today",
    ]
    assert due_note(action(9, "1", due=AS_AT - timedelta(days=14))) == "14 days overdue"
    assert due_note(action(9, "1", due=date(2021, 3, 31))) == ""
    # Years overdue: the number grouped, as everywhere else in the tracker.
    assert due_note(action(9, "1", due=AS_AT - timedelta(days=2226))) == "2,226 days overdue"


def test_long_progress_is_cut_at_a_word_with_an_ellipsis():
    assert short_text("Done.") == "Done."
    cut = short_text("word " * 100, limit=23)
    assert cut == "word word word word…"


def test_a_download_says_which_view_it_is():
    found = table(
        PORTFOLIO, agency="7", rag=["red", "none"], overdue="yes", q="audit", sort="-overdue"
    )
    said = dict(about(found))
    components = {label: text for label, text in said.items() if label.startswith("Core comp")}
    assert {label: text for label, text in said.items() if label not in components} == {
        "As at": "30 Sep 2020 (2020-21 Q2)",
        "Filters": "Agency: Thames Valley Police; RAG: Red, Not rated; Text: “audit”; Overdue",
        "Sorted by": "Days overdue, most first",
        "Actions": "0 of 6",
    }
    # The actions sheet gives components by number; the view says what each number is.
    assert components == {
        f"Core component {component.number}": f"{component.number}. {component.text}"
        for component in PORTFOLIO.components
    }
