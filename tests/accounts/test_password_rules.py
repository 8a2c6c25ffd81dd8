"""What a password must be: long enough, not one of the commonest, not a repeat."""

import pytest

from tests.support.accounts import PASSWORD
from tracker.accounts.passwords import MIN_LENGTH, check_strength, common_passwords, weakness
from tracker.core.refusals import InvalidInput


@pytest.mark.parametrize(
    ("password", "said"),
    [
        ("short pass", f"at least {MIN_LENGTH} characters"),
        ("Password1234", "passwords people use most"),
        ("  qwertyuiop!!", "passwords people use most"),
        ("2020Liverpool!", "passwords people use most"),
        ("1q2w3e4r5t6y", "passwords people use most"),
        ("123456789012", "passwords people use most"),
        ("aaaaaaaaaaaaaa", "repeats itself"),
        ("abcdabcdabcdabcd", "repeats itself"),
        ("x" * 1025, "1,024 characters or fewer"),
    ],
)
def test_weak_passwords_are_refused_saying_why(password, said):
    assert said in (weakness(password) or "")
    with pytest.raises(InvalidInput) as refused:
        check_strength(password, "new_password")
    assert list(refused.value.problems) == ["new_password"]


@pytest.mark.parametrize(
    "password", [PASSWORD, "pebble orchard violin 42", "Tq8#mZ2vLw9!", "9q8w7e6r5t4y3u"]
)
def test_long_uncommon_passwords_are_accepted(password):
    assert weakness(password) is None


def test_the_common_list_is_a_few_hundred_lower_case_lines_without_the_tests_password():
    common = common_passwords()
    assert 250 <= len(common) <= 1000
    assert all(entry == entry.lower().strip() for entry in common)
    assert "password" in common and PASSWORD not in common
