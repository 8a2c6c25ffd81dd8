"""The preview warns before anything is written: a file named for another quarter than its
as-at day, and a return that would move a Complete action back."""

import re
from datetime import date

import pytest

from tests.imports.test_pages import upload
from tests.support.lookups import ids
from tests.support.returns import TVP_Q1
from tests.web.test_personal_data_guard import post_update
from tracker.core.dates import Quarter
from tracker.imports.backward import date_warnings, quarter_named


@pytest.mark.parametrize(
    ("name", "quarter"),
    [
        ("agency-tvp-2020-21-q1.xlsx", Quarter(2020, 1)),
        ("TVP 2021-22 Q3 return.xlsx", Quarter(2021, 3)),
        ("tvp_2020_21_Q4.xlsx", Quarter(2020, 4)),
        ("Q2 2020-21 police.xlsx", Quarter(2020, 2)),
        ("tvp-return.xlsx", None),
        ("2020-22-q1.xlsx", None),  # not a financial year
        ("plan-v2021-2022.xlsx", None),
    ],
)
def test_the_quarter_a_file_is_named_for(name, quarter):
    assert quarter_named(name) == quarter


def test_a_file_named_for_one_quarter_dated_in_another_is_warned_about():
    [warning] = date_warnings("agency-tvp-2020-21-q1.xlsx", date(2026, 12, 3))
    assert warning.message == (
        "The file's name says 2020-21 Q1, but the return is dated 3 Dec 2026 (2026-27 Q3). "
        "A 2020-21 Q1 return is as at 30 Jun 2020: check the date before importing."
    )
    assert date_warnings("agency-tvp-2020-21-q1.xlsx", date(2020, 6, 30)) == ()
    assert date_warnings("tvp-return.xlsx", date(2026, 12, 3)) == ()


def test_the_q1_file_previewed_today_after_q2_warns_of_its_date_and_each_backward_step(
    two_quarters_client,
):
    # 2.1 is completed after Q2; the Q1 file says Green.
    action = ids(two_quarters_client, "agency", "2.1")
    done = post_update(
        two_quarters_client,
        action,
        rag="blue",
        progress="Dip-sampling embedded",
        impact="Audit shows conversations recorded",
        as_at="2026-12-01",
    )
    assert done.status_code == 303, done.text[:300]
    preview = upload(two_quarters_client, TVP_Q1.read_bytes(), name=TVP_Q1.name, as_at="2026-12-03")
    assert preview.status_code == 200, preview.text[:500]
    text = preview.text
    assert "The file&#39;s name says 2020-21 Q1, but the return is dated 3 Dec 2026" in text
    backward = re.findall(
        r"Action ([\d.]+) of Thames Valley Police is Complete in the tracker", text
    )
    assert backward == ["2.1"]
    assert "this file would move it back to Green" in text
