"""The day an update is dated on while a return is open: its quarter's last day by default."""

from datetime import date

from tracker.core.dates import Quarter
from tracker.updates.rules import UpdateForm, check_update, default_day

Q2 = Quarter(2026, 2)
TODAY = date(2026, 11, 10)


def dated(form: UpdateForm, returning: Quarter | None = Q2) -> date | None:
    check = check_update(form, current_rag="amber", today=TODAY, returning=returning)
    return check.update.as_at if check.update else None


def test_an_update_naming_no_day_is_for_the_open_return():
    assert default_day(TODAY, Q2) == date(2026, 9, 30)
    assert dated(UpdateForm(rag="amber", progress="x")) == date(2026, 9, 30)
    assert dated(UpdateForm(rag="amber", progress="x", dated="return")) == date(2026, 9, 30)


def test_without_an_open_return_it_describes_today():
    assert default_day(TODAY, None) == TODAY
    assert dated(UpdateForm(rag="amber", progress="x"), returning=None) == TODAY
    assert dated(UpdateForm(rag="amber", progress="x", dated="return"), returning=None) == TODAY


def test_the_person_can_choose_today_or_another_day():
    assert dated(UpdateForm(rag="amber", progress="x", dated="today")) == TODAY
    other = UpdateForm(rag="amber", progress="x", dated="other", as_at="2026-08-01")
    assert dated(other) == date(2026, 8, 1)
    assert dated(UpdateForm(rag="amber", progress="x", as_at="2026-08-02")) == date(2026, 8, 2)


def test_another_day_needs_the_day():
    check = check_update(
        UpdateForm(rag="amber", progress="x", dated="other"),
        current_rag="amber",
        today=TODAY,
        returning=Q2,
    )
    assert check.problems == {
        "as_at": "Enter the day this update describes, for example 2020-09-30."
    }
