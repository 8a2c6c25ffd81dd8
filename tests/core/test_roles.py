"""Who a page is for, said in words to those it turns away."""

from tracker.core.roles import Role, only


def test_a_refusal_names_who_may_in_plain_english():
    assert only((Role.BUSINESS_UNIT,)) == "Only the business unit can do this."
    assert only((Role.LEAD, Role.BUSINESS_UNIT)) == (
        "Only the business unit and agency leads can do this."
    )
    assert only((Role.CHAIR, Role.LEAD, Role.BUSINESS_UNIT)) == (
        "Only the business unit, strategy chairs and agency leads can do this."
    )
