"""Reading the review page's query string: every filter, and a message for what cannot be read."""

from datetime import date

from tracker.review.query import read_review_query

TODAY = date(2020, 10, 15)


def read(**values):
    return read_review_query(
        {name: value if isinstance(value, list) else [value] for name, value in values.items()},
        TODAY,
    )


def test_an_empty_query_shows_every_action_as_at_today_in_plan_order():
    query = read()
    assert (query.as_at, query.sort, query.rags, query.problems) == (TODAY, "plan", (), ())
    assert query.query_string() == ""


def test_several_rag_ratings_are_read_in_rag_order_and_not_rated_is_one_of_them():
    query = read(rag=["none", "RED", "amber"])
    assert query.rags == ("red", "amber", "none")
    assert query.problems == ()


def test_a_bad_date_is_named_and_the_page_shows_today_keeping_what_was_typed():
    query = read(as_at="31/09/2020")
    assert query.as_at == TODAY
    assert query.typed["as_at"] == "31/09/2020"
    assert [field for field, _ in query.problems] == ["as-at"]
    assert "real date" in query.problems[0][1]


def test_a_date_in_a_far_off_year_is_said_to_be_wrong():
    query = read(as_at="9999-12-31")
    assert query.as_at == TODAY
    assert query.problems == (("as-at", "Enter an 'as at' date between 2000 and 2099"),)


def test_unknown_values_are_named_per_field_and_left_out_of_the_filter():
    query = read(plan="tvp", rag=["red", "purple"], overdue="maybe", sort="colour", component="x")
    assert dict(query.problems).keys() == {"plan", "rag-red", "overdue", "sort", "component"}
    assert (query.plan, query.component, query.overdue, query.sort) == (None, None, False, "plan")
    assert query.rags == ("red",)


def test_the_shared_link_names_only_what_differs_from_the_defaults():
    query = read(
        as_at="2020-09-30",
        agency="7",
        rag=["amber", "red"],
        stale="yes",
        q="  neglect   audit ",
        plan="",
        lead="",
        sort="-overdue",
    )
    assert query.text == "neglect audit"
    assert query.query_string() == (
        "as_at=2020-09-30&agency=7&rag=red&rag=amber&stale=yes&q=neglect+audit&sort=-overdue"
    )


def test_today_is_left_out_of_the_link_so_a_shared_link_keeps_showing_today():
    assert read(as_at=TODAY.isoformat(), rag="red").query_string() == "rag=red"


def test_a_column_heading_sorts_by_its_column_then_turns_it_round():
    unsorted = read()
    assert unsorted.heading_sort("due") == "due"
    assert unsorted.heading_sort("overdue") == "-overdue"  # most overdue first
    assert read(sort="due").heading_sort("due") == "-due"
    assert read(sort="-due").heading_sort("due") == "due"
    assert unsorted.heading_sort("plan") == "-plan"  # plan order is already the sort
