from datetime import datetime, timedelta

from tracker.accounts.throttle import (
    MAX_CLIENT_FAILURES,
    MAX_FAILURES,
    WINDOW,
    client_verdict,
    sign_in_verdict,
)

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


def seconds_ago(count):
    return [NOW - timedelta(seconds=s) for s in range(1, count + 1)]


def test_twenty_failures_from_one_client_lock_it_whatever_the_emails():
    assert client_verdict(seconds_ago(MAX_CLIENT_FAILURES - 1), NOW).allowed
    verdict = client_verdict(seconds_ago(MAX_CLIENT_FAILURES), NOW)
    assert not verdict.allowed
    assert verdict.retry_after == WINDOW - timedelta(seconds=1)
    assert MAX_CLIENT_FAILURES == 20


def test_a_clients_old_failures_no_longer_count():
    assert client_verdict(minutes_ago(*[15] * MAX_CLIENT_FAILURES), NOW).allowed
