"""The account form read from a submitted form, and what stops it being saved: no database."""

from tracker.accounts.account_form import AccountForm


def test_every_ticked_agency_and_each_lead_title_line_is_read():
    form = AccountForm.from_form(
        {
            "email": ["a@example.org"],
            "role": ["lead"],
            "agencies": ["Thames Valley Police", "Oxford Health"],
            "lead_titles": ["ESAT Manager\r\n\r\n  Head of Early Help  "],
        }
    )
    assert form.agencies == ["Thames Valley Police", "Oxford Health"]
    assert form.lead_names == ["ESAT Manager", "  Head of Early Help  "]
    assert not form.check(new=True)


def test_problems_come_in_page_order_each_linked_to_its_field():
    form = AccountForm(email="", name="x" * 201, role="", lead_titles="t" * 201)
    problems = form.check(new=True)
    assert [field_id for field_id, _ in problems.messages] == [
        "email",
        "name",
        "role",
        "lead-titles",
    ]
    assert problems.by_field["role"] == "Choose what they may do"


def test_agencies_or_titles_for_another_role_are_a_problem_with_the_role():
    problems = AccountForm(email="a@example.org", role="viewer", agencies=["TVP"]).check(new=True)
    assert list(problems.by_field) == ["role"]
    assert "Only agency leads" in problems.by_field["role"]


def test_an_edit_does_not_ask_for_the_email_again():
    assert not AccountForm(email="", role="chair").check(new=False)
    assert "email" in AccountForm(email="no-at-sign", role="chair").check(new=True).by_field


def test_an_email_over_254_characters_says_so():
    form = AccountForm(email="a" * 243 + "@example.org", role="viewer")
    assert form.check(new=True).by_field == {
        "email": "An email address must be 254 characters or fewer."
    }
    assert not AccountForm(email="a" * 242 + "@example.org", role="viewer").check(new=True)


def test_more_than_twenty_lead_titles_are_a_problem():
    many = "\n".join(f"Title {number}" for number in range(21))
    form = AccountForm(email="a@example.org", role="lead", lead_titles=many)
    assert form.check(new=True).by_field == {
        "lead_titles": "Give at most 20 lead titles, one a line."
    }


def test_an_agency_lead_needs_an_agency_or_a_lead_title_or_they_could_update_nothing():
    problems = AccountForm(email="a@example.org", role="lead").check(new=True)
    assert [field_id for field_id, _ in problems.messages] == ["agencies"]
    assert problems.by_field["agencies"].startswith("Choose their agency, or give a lead title")
    assert not AccountForm(email="a@example.org", role="lead", agencies=["TVP"]).check(new=True)
    assert not AccountForm(email="a@example.org", role="lead", lead_titles="DCI").check(new=True)
