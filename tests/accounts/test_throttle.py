from datetime import datetime, timedelta

from tracker.accounts.throttle import MAX_FAILURES, WINDOW, sign_in_verdict

NOW = datetime(2020, 9, 30, 12, 0)


def minutes_ago(*minutes):
    return [NOW - timedelta(minutes=m) for m in minutes]


def test_a_few_failures_do_not_lock_an_email():
    assert sign_in_verdict(minutes_ago(1, 2, 3, 4), NOW).allowed


def test_five_failures_in_fifteen_minutes_lock_it_until_fifteen_minutes_after_the_last():
    verdict = sign_in_verdict(minutes_ago(1, 2, 3, 4, 5), NOW)
    assert not verdict.allowed
    assert verdict.retry_after == WINDOW - timedelta(minutes=1)


def test_old_failures_no_longer_count():
    assert sign_in_verdict(minutes_ago(15, 16, 20, 30, 40, 50), NOW).allowed
    assert MAX_FAILURES == 5
