"""Upload links' rules, with plain data: when a link stops working, what it says, which
files it takes."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from tracker.core.clock import UK
from tracker.core.dates import Quarter
from tracker.core.settings import Settings, SettingsError
from tracker.proformas.rules import About
from tracker.upload_links.rules import (
    KEPT_AFTER_EXPIRY,
    UPLOADS_PER_HOUR,
    LinkFor,
    LinkStatus,
    expires_on,
    file_problem,
    gone_message,
    kept_until,
    link_status,
    rate_limited,
    reference,
    token_hash,
)

Q2 = Quarter(2026, 2)
TVP = LinkFor(3, "Thames Valley Police", Q2)


def about(plan_id: int = 3, plan: str = "Thames Valley Police", quarter: Quarter = Q2) -> About:
    return About("Neglect Strategy", plan_id, plan, quarter, datetime(2026, 10, 1, 9, 0))


def test_a_link_works_the_set_number_of_days_after_the_deadline():
    assert expires_on(date(2026, 10, 14), date(2026, 10, 2), 14) == date(2026, 10, 28)


def test_a_link_made_after_the_deadline_works_that_many_days_from_the_day_it_is_made():
    assert expires_on(date(2026, 10, 14), date(2026, 12, 3), 14) == date(2026, 12, 17)


def test_a_link_works_through_its_last_day_and_not_after():
    last = date(2026, 10, 28)
    assert link_status(last, None, last) is LinkStatus.ACTIVE
    assert link_status(last, None, date(2026, 10, 29)) is LinkStatus.EXPIRED


def test_a_revoked_link_is_revoked_whatever_its_expiry():
    revoked = datetime(2026, 10, 5, tzinfo=UTC)
    assert link_status(date(2026, 10, 28), revoked, date(2026, 10, 6)) is LinkStatus.REVOKED
    assert link_status(date(2026, 10, 28), revoked, date(2026, 11, 6)) is LinkStatus.REVOKED


def test_statuses_read_as_words():
    assert [status.label for status in LinkStatus] == ["Active", "Expired", "Revoked"]


def test_only_a_hash_of_the_token_is_kept_and_it_differs_from_the_token():
    hashed = token_hash("abc")
    assert hashed != "abc" and len(hashed) == 64 and hashed == token_hash("abc")


def test_files_it_brought_wait_past_the_links_last_day():
    kept = kept_until(date(2026, 10, 28))
    assert kept == datetime(2026, 10, 29, tzinfo=UK) + KEPT_AFTER_EXPIRY


def test_a_link_takes_so_many_files_an_hour():
    assert not rate_limited(UPLOADS_PER_HOUR - 1)
    assert rate_limited(UPLOADS_PER_HOUR)


def test_the_receipts_reference_names_the_link_and_the_files_number():
    assert reference(7, 2) == "UL7-002"


def test_the_links_own_proforma_is_taken():
    assert file_problem("tvp.xlsx", about(), TVP) is None


def test_another_plans_proforma_is_refused_naming_both_plans():
    problem = file_problem("csc.xlsx", about(5, "Children's Social Care"), TVP)
    assert problem is not None
    assert "Children's Social Care" in problem and "Thames Valley Police" in problem
    assert "nothing was received" in problem


def test_another_quarters_proforma_is_refused_naming_both_quarters():
    problem = file_problem("tvp.xlsx", about(quarter=Q2.previous()), TVP)
    assert problem is not None and "2026-27 Q1" in problem and "2026-27 Q2" in problem


def test_a_workbook_that_is_no_tracker_proforma_is_refused():
    problem = file_problem("mine.xlsx", None, TVP)
    assert problem is not None and "not a proforma made by the tracker" in problem


def test_an_expired_and_a_revoked_link_say_why_and_what_to_do():
    expired = gone_message(LinkStatus.EXPIRED, date(2026, 10, 28))
    assert "28 Oct 2026" in expired and "new link" in expired
    assert "withdrawn" in gone_message(LinkStatus.REVOKED, date(2026, 10, 28))


def test_the_days_a_link_works_after_the_deadline_are_a_setting():
    assert Settings.from_environment({}).upload_link_days == 14
    assert Settings.from_environment({"TRACKER_UPLOAD_LINK_DAYS": "30"}).upload_link_days == 30
    with pytest.raises(SettingsError, match="TRACKER_UPLOAD_LINK_DAYS"):
        Settings.from_environment({"TRACKER_UPLOAD_LINK_DAYS": "0"})
