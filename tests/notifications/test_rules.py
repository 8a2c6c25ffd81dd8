"""Who is told of which change, in what words, and the choice each person makes. Pure."""

from datetime import date

from tracker.core.dates import Quarter
from tracker.core.permissions import ActionScope
from tracker.core.roles import Role
from tracker.notifications.rules import (
    KINDS_FOR,
    ActionFacts,
    ChallengeAnswered,
    ChallengeRaised,
    DeadlineSet,
    NoticeKind,
    Person,
    PlanFacts,
    ReturnStepped,
    compose,
    notice_key,
    notices_for,
    parse_turned_off,
    recipients,
    turned_off_kinds,
)

TVP, HEALTH = 7, 8
BASE = "https://tracker.example.org"
CHAIR = Person("chair@example.org", "Cara Chair", Role.CHAIR)
OTHER_CHAIR = Person("other.chair@example.org", "", Role.CHAIR)
BUSINESS_UNIT = Person("bu@example.org", "Bea Unit", Role.BUSINESS_UNIT)
TVP_LEAD = Person("tia@example.org", "Tia Lead", Role.LEAD, frozenset({TVP}))
HEALTH_LEAD = Person("hal@example.org", "Hal Lead", Role.LEAD, frozenset({HEALTH}))
TITLE_LEAD = Person("di@example.org", "Di Mash", Role.LEAD, lead_names=frozenset({"DI MASH"}))
VIEWER = Person("vic@example.org", "Vic Viewer", Role.VIEWER)
EVERYONE = (CHAIR, OTHER_CHAIR, BUSINESS_UNIT, TVP_LEAD, HEALTH_LEAD, TITLE_LEAD, VIEWER)
NAMES = {person.email: person.name for person in EVERYONE if person.name}

TVP_ACTION = ActionFacts(
    11,
    "2.2",
    "Train every officer in neglect.",
    "Thames Valley Police",
    ActionScope(TVP, "Head of training"),
)
OVERARCHING_ACTION = ActionFacts(
    12, "10.1", "Audit the MASH.", "Overarching plan", ActionScope(None, "DI MASH / Head of EH")
)
TVP_PLAN = PlanFacts(3, "Thames Valley Police", TVP, frozenset({"head of training"}))
OVERARCHING = PlanFacts(1, "Overarching plan", None, frozenset({"di mash", "head of eh"}))
Q2 = Quarter(2020, 2)


def raised(action=TVP_ACTION, by=CHAIR.email) -> ChallengeRaised:
    return ChallengeRaised(101, by, 5, action, "Why is this still amber?", date(2020, 10, 14))


def answered(raised_by=CHAIR.email) -> ChallengeAnswered:
    return ChallengeAnswered(
        102, TVP_LEAD.email, 5, TVP_ACTION, raised_by, "Training starts in Nov."
    )


def stepped(kind: NoticeKind, plan=TVP_PLAN, by=CHAIR.email, note=None) -> ReturnStepped:
    return ReturnStepped(103, by, kind, plan, Q2, note)


def emails(people) -> set[str]:
    return {person.email for person in people}


def test_a_challenge_goes_to_the_leads_who_may_update_the_action_and_no_one_else():
    assert emails(recipients(raised(), EVERYONE)) == {TVP_LEAD.email}
    assert emails(recipients(raised(OVERARCHING_ACTION), EVERYONE)) == {TITLE_LEAD.email}


def test_a_reply_goes_to_whoever_raised_the_challenge_only():
    assert emails(recipients(answered(), EVERYONE)) == {CHAIR.email}
    assert emails(recipients(answered(BUSINESS_UNIT.email), EVERYONE)) == {BUSINESS_UNIT.email}


def test_a_submitted_return_goes_to_every_chair_and_a_decision_to_the_plans_leads():
    assert emails(
        recipients(stepped(NoticeKind.RETURN_SUBMITTED, by=TVP_LEAD.email), EVERYONE)
    ) == {
        CHAIR.email,
        OTHER_CHAIR.email,
    }
    for kind in (NoticeKind.RETURN_SENT_BACK, NoticeKind.RETURN_ACCEPTED):
        assert emails(recipients(stepped(kind), EVERYONE)) == {TVP_LEAD.email}
        assert emails(recipients(stepped(kind, OVERARCHING), EVERYONE)) == {TITLE_LEAD.email}


def test_a_deadline_goes_to_the_leads_of_every_plan():
    event = DeadlineSet(104, BUSINESS_UNIT.email, Q2, date(2020, 10, 16), (TVP_PLAN, OVERARCHING))
    assert emails(recipients(event, EVERYONE)) == {TVP_LEAD.email, TITLE_LEAD.email}


def test_nobody_is_told_of_their_own_change():
    chair_raising_and_leading = Person(CHAIR.email, "", Role.CHAIR)
    assert recipients(answered(TVP_LEAD.email), EVERYONE) == ()
    assert (
        recipients(
            stepped(NoticeKind.RETURN_SUBMITTED, by=CHAIR.email), (chair_raising_and_leading,)
        )
        == ()
    )


def test_the_challenge_e_mail_names_the_action_the_question_the_day_and_the_link():
    subject, body = compose(raised(), TVP_LEAD, NAMES, BASE)
    assert subject == "Challenge on action 2.2, Thames Valley Police: reply by 14 Oct 2020"
    flat = " ".join(body.split())
    assert body.startswith("Dear Tia Lead,\n")
    assert "Cara Chair challenged action 2.2 of Thames Valley Police:" in flat
    assert "Train every officer in neglect." in flat and "Why is this still amber?" in flat
    assert "Please reply by 14 Oct 2020: https://tracker.example.org/challenges/5" in flat
    assert "https://tracker.example.org/profile#notifications" in flat


def test_the_sent_back_e_mail_carries_the_chairs_comments():
    event = stepped(NoticeKind.RETURN_SENT_BACK, note="Say why 2.2 is amber.\nAnd 3.1.")
    subject, body = compose(event, TVP_LEAD, NAMES, BASE)
    assert subject == "2020-21 Q2 return sent back for changes: Thames Valley Police"
    assert "sent back for changes by Cara Chair" in body
    assert "  Say why 2.2 is amber.\n  And 3.1.\n" in body
    assert "https://tracker.example.org/returns/2020-21-Q2/plans/3" in body


def test_the_other_e_mails_say_what_happened_and_where():
    _, reply = compose(answered(), CHAIR, NAMES, BASE)
    assert "Tia Lead replied to the challenge you raised on action 2.2" in reply
    assert "Training starts in Nov." in reply
    submitted = stepped(NoticeKind.RETURN_SUBMITTED, by=TVP_LEAD.email, note="All done.")
    subject, body = compose(submitted, OTHER_CHAIR, NAMES, BASE)
    assert subject == "2020-21 Q2 return submitted: Thames Valley Police"
    assert body.startswith("Dear other.chair@example.org,") and "All done." in body
    subject, _ = compose(stepped(NoticeKind.RETURN_ACCEPTED), TVP_LEAD, NAMES, BASE)
    assert subject == "2020-21 Q2 return accepted: Thames Valley Police"
    deadline = DeadlineSet(104, BUSINESS_UNIT.email, Q2, date(2020, 10, 16), (TVP_PLAN,))
    subject, body = compose(deadline, TVP_LEAD, NAMES, BASE)
    assert subject == "2020-21 Q2 returns are due on 16 Oct 2020"
    assert "https://tracker.example.org/returns/2020-21-Q2" in body


def test_a_kind_turned_off_makes_no_notice_for_that_person_only():
    both_leads = PlanFacts(3, "Thames Valley Police", TVP, frozenset())
    second = Person("second@example.org", "", Role.LEAD, frozenset({TVP}))
    event = stepped(NoticeKind.RETURN_ACCEPTED, both_leads)
    off = {TVP_LEAD.email: frozenset({NoticeKind.RETURN_ACCEPTED.value})}
    notices = notices_for(event, (TVP_LEAD, second), NAMES, off, BASE)
    assert [notice.recipient for notice in notices] == [second.email]
    assert notices[0].key == notice_key(103, second.email) == "103:second@example.org"
    other_kind_off = {TVP_LEAD.email: frozenset({NoticeKind.DEADLINE_SET.value})}
    assert len(notices_for(event, (TVP_LEAD, second), NAMES, other_kind_off, BASE)) == 2


def test_the_profile_form_turns_off_what_is_left_unticked_of_the_roles_kinds():
    ticked = [NoticeKind.CHALLENGE_RAISED.value, NoticeKind.RETURN_SUBMITTED.value, "nonsense"]
    assert turned_off_kinds(ticked, Role.LEAD) == {
        NoticeKind.RETURN_SENT_BACK.value,
        NoticeKind.RETURN_ACCEPTED.value,
        NoticeKind.DEADLINE_SET.value,
    }
    assert turned_off_kinds([], Role.CHAIR) == {kind.value for kind in KINDS_FOR[Role.CHAIR]}
    assert parse_turned_off("deadline-set,gone-kind,") == {"deadline-set"}
