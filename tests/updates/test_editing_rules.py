"""Editing an action's lead, time-frame and due date."""

from datetime import date

from tracker.plans.fields import ACTION_FIELDS
from tracker.updates.editing import EditForm, changed_fields, check_edit


def test_an_edit_is_cleaned_and_blank_fields_become_empty():
    result = check_edit(EditForm(lead="  ESAT   Manager ", timeframe="", due="2021-03-31"))
    assert result.edit is not None
    assert result.edit.as_fields() == {
        **{field.name: None for field in ACTION_FIELDS.editable},  # every field not typed in
        "lead": "ESAT Manager",
        "timeframe": None,
        "due": date(2021, 3, 31),
    }


def test_a_bad_due_date_and_overlong_lead_are_both_reported():
    problems = check_edit(EditForm(lead="x" * 201, due="31/03/2021")).problems
    assert set(problems) == {"lead", "due"}


def test_only_changed_fields_are_kept_with_their_before_values():
    before = {"lead": "A", "timeframe": "Q3", "due": date(2020, 9, 30)}
    after = {"lead": "A", "timeframe": "Q4", "due": None}
    assert changed_fields(before, after) == (
        {"timeframe": "Q3", "due": date(2020, 9, 30)},
        {"timeframe": "Q4", "due": None},
    )
