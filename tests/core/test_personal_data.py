"""The free-text finder: what identifies a person is caught, ordinary progress text is not."""

import pytest

from tracker.core.personal_data.check import PossiblePersonalData, confirmed_in, guard
from tracker.core.personal_data.finders import (
    IdentifierKind,
    find_identifiers,
    kinds_found,
    nhs_number_is_valid,
    redacted,
    warning,
)

NHS, DOB, POSTCODE, PHONE, EMAIL = (
    IdentifierKind.NHS_NUMBER,
    IdentifierKind.DATE_OF_BIRTH,
    IdentifierKind.POSTCODE,
    IdentifierKind.PHONE,
    IdentifierKind.EMAIL,
)


def found(text: str) -> list[tuple[IdentifierKind, str]]:
    return [(finding.kind, finding.text) for finding in find_identifiers(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Discussed the child with NHS number 943 476 5919 at panel.", (NHS, "943 476 5919")),
        ("Referral for 943-476-5919 sent to health visiting.", (NHS, "943-476-5919")),
        ("Record 9434765919 checked by the named nurse.", (NHS, "9434765919")),
        ("Case reviewed; DOB 01/02/2015, siblings known.", (DOB, "01/02/2015")),
        ("Boy, date of birth: 3 March 2015, seen at school.", (DOB, "3 March 2015")),
        ("Girl born 2015-03-03 now on a plan.", (DOB, "2015-03-03")),
        ("Home visit to the family at OX1 1AA completed.", (POSTCODE, "OX1 1AA")),
        ("Family moved to ox4 2ab last month.", (POSTCODE, "ox4 2ab")),
        ("Letter sent to SW1A 1AA about the case.", (POSTCODE, "SW1A 1AA")),
        ("Mum can be reached on 01865 123456 after 3pm.", (PHONE, "01865 123456")),
        ("Dad's mobile is 07700 900123.", (PHONE, "07700 900123")),
        ("Grandmother abroad: +44 7700 900123.", (PHONE, "+44 7700 900123")),
        ("Call the school on (01865) 815000 about him.", (PHONE, "(01865) 815000")),
        ("Foster carer jo.bloggs@example.org agreed.", (EMAIL, "jo.bloggs@example.org")),
        ("Sent to j.o'neil+cases@health.nhs.uk today.", (EMAIL, "j.o'neil+cases@health.nhs.uk")),
    ],
)
def test_each_identifier_is_caught_in_a_realistic_sentence(text, expected):
    assert found(text) == [expected]


def test_an_nhs_number_is_caught_only_when_its_check_digit_is_right():
    assert nhs_number_is_valid("9434765919")
    assert found("Child 943 476 5919 discussed") == [(NHS, "943 476 5919")]
    # The same digits with the last one wrong: not an NHS number, not flagged.
    assert not nhs_number_is_valid("9434765918")
    assert found("Child 943 476 5918 discussed") == []
    assert found("Child 943-476-5918 discussed") == []


def test_a_number_whose_check_digit_computes_to_ten_is_never_an_nhs_number():
    # 10x1 + 0x9 + ... + 1x2 = 12; 11 - 12 % 11 = 10: no last digit can make it valid.
    for last in "0123456789":
        assert not nhs_number_is_valid("100000001" + last)
        assert found(f"Reference 100 000 001{last} filed") == []


def test_a_sentence_with_several_identifiers_finds_each_in_order():
    text = "Seen at OX4 2AB; mum on 07700 900123, email mum@example.com, DOB 01/02/2015."
    assert found(text) == [
        (POSTCODE, "OX4 2AB"),
        (PHONE, "07700 900123"),
        (EMAIL, "mum@example.com"),
        (DOB, "01/02/2015"),
    ]
    assert kinds_found(find_identifiers(text)) == (DOB, POSTCODE, PHONE, EMAIL)


@pytest.mark.parametrize(
    "text",
    [
        "Multi-agency meeting held on 14 March 2020; next on 12/06/2020.",
        "Training delivered 12/03/2020 to 45 staff.",
        "Reviewed 2020-03-12 at the neglect subgroup.",
        "Figures for 2020-21 Q2 show 85% of staff trained.",
        "Q2 2020: audit of 30 cases, 1 in 10 referrals graded.",
        "See actions 1.2 and 3.2.1; carried over from 2019-20.",
        "Budget of £15,000 agreed on 01/04/2020 for 2020-23.",
        "120 practitioners trained; 1,250 leaflets issued; 98.5% satisfied.",
        "Graded Care Profile 2 used in 67 cases (up from 41).",
        "Babies born in 2019 were included in the audit.",
        "Action plan version 3, 23 pages, agreed by the OSCB Business Group.",
        "Grant reference 1234567890 confirmed.",
        "The 0-19 service and the 5-11 group met in Room 2B.",
    ],
)
def test_typical_progress_text_raises_no_false_alarm(text):
    assert found(text) == []


def test_redacted_replaces_each_finding_with_its_kind_in_words():
    text = "Mum on 01865 123456, DOB 01/02/2015, lives at OX1 1AA, NHS 943 476 5919, a@b.org."
    assert redacted(text) == (
        "Mum on [redacted phone number], DOB [redacted date of birth], lives at "
        "[redacted postcode], NHS [redacted NHS number], [redacted e-mail address]."
    )
    assert redacted("Training delivered to 45 staff.") == "Training delivered to 45 staff."


def test_the_warning_names_the_field_and_what_was_found():
    message = warning("Progress", find_identifiers("Call 01865 123456"))
    assert message.startswith(
        "Progress looks like it identifies a person: a phone number (01865 123456)."
    )
    assert "confirm it does not identify anyone" in message


def test_the_guard_stops_unconfirmed_text_and_lets_confirmed_text_through():
    texts = {"progress": ("Progress", "Call 01865 123456"), "impact": ("Impact", "More visits")}
    with pytest.raises(PossiblePersonalData) as stopped:
        guard(texts, confirmed=False)
    assert list(stopped.value.problems) == ["progress"]
    [flagged] = guard(texts, confirmed=True)
    assert (flagged.field, flagged.kinds) == ("progress", "phone")
    assert guard({"progress": ("Progress", "All on track")}, confirmed=False) == ()
    assert confirmed_in({"confirm_personal_data": "yes"})
    assert confirmed_in({"confirm_personal_data": True})
    assert not confirmed_in({"confirm_personal_data": ""})
    assert not confirmed_in({})
