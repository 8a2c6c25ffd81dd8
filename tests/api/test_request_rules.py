"""The API's query filters and update bodies, checked without HTTP."""

from datetime import date

import pytest

from tracker.api.bounds import MAX_ID, an_id, json_depth, unstorable
from tracker.api.filters import action_filter
from tracker.api.problems import RequestProblem
from tracker.api.update_body import read_update
from tracker.updates.rules import UpdateForm

TODAY = date(2020, 12, 31)


def test_no_filters_mean_every_action_as_at_today():
    wanted = action_filter(today=TODAY)
    assert (wanted.as_of, wanted.plan_id, wanted.plan_name, wanted.rag, wanted.overdue) == (
        TODAY,
        None,
        None,
        None,
        None,
    )


def test_a_plan_is_an_id_when_it_is_a_number_and_a_name_otherwise():
    assert action_filter(today=TODAY, plan=" 12 ").plan_id == 12
    named = action_filter(today=TODAY, plan="Thames Valley Police")
    assert (named.plan_id, named.plan_name) == (None, "Thames Valley Police")


def test_rag_and_overdue_are_read_loosely_as_to_case():
    wanted = action_filter(today=TODAY, rag="RED", overdue="True", as_of="2020-09-30")
    assert (wanted.rag, wanted.overdue, wanted.as_of) == ("red", True, date(2020, 9, 30))
    assert action_filter(today=TODAY, overdue="false").overdue is False


def test_every_bad_filter_is_named_at_once():
    with pytest.raises(RequestProblem) as raised:
        action_filter(today=TODAY, rag="pink", overdue="sometimes", as_of="yesterday")
    assert set(raised.value.problems) == {"rag", "overdue", "as_of"}


def test_an_update_body_gives_the_form_and_version():
    form, version = read_update(b'{"rag": "amber", "progress": "half", "version": 3}')
    assert form == UpdateForm(rag="amber", progress="half") and version == 3


@pytest.mark.parametrize(
    ("raw", "fields"),
    [
        (b'{"rag": "amber"}', {"version"}),
        (b'{"rag": "amber", "version": "3"}', {"version"}),
        (b'{"rag": "amber", "version": false}', {"version"}),
        (b'{"rag": ["amber"], "progress": 1, "version": 3}', {"rag", "progress"}),
        (b'"amber"', {"body"}),
        (b"{", {"body"}),
    ],
)
def test_a_bad_update_body_names_its_fields(raw, fields):
    with pytest.raises(RequestProblem) as raised:
        read_update(raw)
    assert set(raised.value.problems) == fields


def test_json_depth_counts_nesting_not_size():
    assert [json_depth(value) for value in (3, {}, {"a": [1, 2]}, [[[]]], {"a": 1, "b": {}})] == [
        0,
        1,
        2,
        3,
        2,
    ]


def test_an_id_is_ascii_digits_and_past_the_largest_is_just_too_large():
    assert [an_id(text) for text in ("12", "0012", "²", "١٢", "-1", "1.0")] == [
        12,
        12,
        None,
        None,
        None,
        None,
    ]
    assert an_id("9" * 5000) == MAX_ID + 1


def test_text_with_a_nul_or_half_a_surrogate_pair_cannot_be_stored():
    assert unstorable("progress", "café ✓ 😀") is None
    assert "NUL" in (unstorable("progress", "a\x00b") or "")
    assert "surrogate" in (unstorable("impact", "a\ud83db") or "")


def test_a_filter_longer_than_any_name_is_refused_before_it_is_looked_up():
    with pytest.raises(RequestProblem) as raised:
        action_filter(today=TODAY, agency="x" * 201, plan="Thames Valley Police")
    assert raised.value.problems == {"agency": "Give agency in at most 200 characters."}
