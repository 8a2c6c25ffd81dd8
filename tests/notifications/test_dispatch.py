"""Dispatching notices against a real SMTP server: after the write, each once, retried when
refused, recorded as not sent without a server, and never to someone who turned it off."""

import asyncio
from datetime import timedelta

from tests.challenges.test_services import CHAIR as CHAIR_PERSON
from tests.challenges.test_services import TODAY, raise_one, tvp_action
from tests.challenges.test_services import lead_of as challenge_lead
from tests.returns.test_steps import NHS_NUMBER, Q1, do_send_back, do_submit, tvp_plan
from tests.support.accounts import CHAIR, TVP_LEAD
from tracker.challenges.rules import ChallengeForm
from tracker.challenges.store import raise_challenge, reply_to_challenge
from tracker.core.roles import Role
from tracker.core.tables import Account, Challenge, FlaggedText, Notice
from tracker.notifications.dispatch import RETRY_AFTER, dispatch
from tracker.notifications.rules import NoticeKind
from tracker.notifications.store import MAX_ATTEMPTS, NO_SMTP, save_choices
from tracker.redaction.review import redact_flag

SENDER = "osscb@example.org"
BASE = "https://tracker.example.org"


async def dispatch_to(server, **options):
    return await dispatch(server=server, sender=SENDER, base_url=BASE, **options)


def run_dispatch(server, **options):
    return asyncio.run(dispatch_to(server, **options))


def notices() -> list[dict]:
    return Notice.select().order_by(Notice.id).run_sync()


def test_a_challenge_e_mails_the_actions_lead_once(named, smtp):
    action = tvp_action()
    challenge_id = raise_one(action["id"])

    done = run_dispatch(smtp.server)
    again = run_dispatch(smtp.server)

    [message] = smtp.mailbox.received
    assert message["To"] == TVP_LEAD and message["From"] == SENDER
    assert message["Subject"] == (
        f"Challenge on action {action['ref']}, Thames Valley Police: reply by 14 Oct 2020"
    )
    body = message.get_content()
    assert body.startswith("Dear Tia Lead,")
    assert f"Cara Chair challenged action {action['ref']} of Thames Valley Police" in body
    assert f"{BASE}/challenges/{challenge_id}" in body
    assert len(done.sent) == 1 and again.sent == [] and again.failed == []
    [notice] = notices()
    assert (notice["recipient"], notice["kind"], notice["status"], notice["attempts"]) == (
        TVP_LEAD,
        NoticeKind.CHALLENGE_RAISED.value,
        "sent",
        1,
    )


def test_two_dispatches_at_once_send_each_notice_once(named, smtp):
    raise_one(tvp_action()["id"])

    async def both():
        return await asyncio.gather(dispatch_to(smtp.server), dispatch_to(smtp.server))

    first, second = asyncio.run(both())

    assert len(smtp.mailbox.to(TVP_LEAD)) == 1
    assert len(first.sent) + len(second.sent) == 1
    assert [row["status"] for row in notices()] == ["sent"]


def test_a_refused_send_keeps_the_challenge_and_is_retried_then_sent_once(named, smtp):
    smtp.mailbox.refuse.add(TVP_LEAD)
    challenge_id = raise_one(tvp_action()["id"])

    refused = run_dispatch(smtp.server)

    assert Challenge.exists().where(Challenge.id == challenge_id).run_sync()
    assert smtp.mailbox.received == [] and len(refused.failed) == 1
    [notice] = notices()
    assert (notice["status"], notice["attempts"]) == ("failed", 1)
    assert "550" in notice["error"]

    smtp.mailbox.refuse.clear()
    assert run_dispatch(smtp.server).sent == []  # the app waits a minute before a retry
    Notice.update({Notice.tried_at: Notice.tried_at - RETRY_AFTER}, force=True).run_sync()
    retried = run_dispatch(smtp.server)
    later = run_dispatch(smtp.server, retry_after=timedelta(0))

    assert len(smtp.mailbox.to(TVP_LEAD)) == 1 and len(retried.sent) == 1
    assert later.sent == [] and later.failed == []
    [notice] = notices()
    assert (notice["status"], notice["attempts"], notice["error"]) == ("sent", 2, None)


def test_a_notice_refused_every_time_is_given_up_after_the_last_attempt(named, closed_smtp):
    raise_one(tvp_action()["id"])
    for _ in range(MAX_ATTEMPTS + 2):
        run_dispatch(closed_smtp, retry_after=timedelta(0))
    [notice] = notices()
    assert (notice["status"], notice["attempts"]) == ("failed", MAX_ATTEMPTS)
    assert notice["error"] == "the SMTP server refused the connection"


def test_without_an_smtp_server_notices_are_recorded_as_not_sent(named):
    raise_one(tvp_action()["id"])

    done = run_dispatch(None)
    run_dispatch(None)

    assert len(done.not_sent) == 1
    [notice] = notices()
    assert (notice["status"], notice["error"], notice["recipient"]) == (
        "not-sent",
        NO_SMTP,
        TVP_LEAD,
    )


def test_a_reply_e_mails_the_chair_who_raised_the_challenge(named, smtp):
    challenge_id = raise_one(tvp_action()["id"])
    run_dispatch(smtp.server)
    asyncio.run(
        reply_to_challenge(
            challenge_id,
            "Training starts in November.",
            person=challenge_lead("Thames Valley Police"),
        )
    )

    run_dispatch(smtp.server)

    [message] = smtp.mailbox.to(CHAIR)
    assert message["Subject"].startswith("Reply to your challenge on action")
    assert "Training starts in November." in message.get_content()
    assert len(smtp.mailbox.to(TVP_LEAD)) == 1  # the challenge only, not the lead's own reply


def test_a_return_sent_back_e_mails_the_lead_the_chairs_comments_and_submitted_the_chair(
    named, smtp
):
    plan_id = tvp_plan()
    do_submit(plan_id, challenge_lead("Thames Valley Police"), quarter=Q1)
    do_send_back(plan_id, "Say why 2.2 is amber.", quarter=Q1)

    run_dispatch(smtp.server)

    [submitted] = smtp.mailbox.to(CHAIR)
    assert submitted["Subject"] == "2020-21 Q1 return submitted: Thames Valley Police"
    [sent_back] = smtp.mailbox.to(TVP_LEAD)
    assert sent_back["Subject"] == "2020-21 Q1 return sent back for changes: Thames Valley Police"
    assert "Say why 2.2 is amber." in sent_back.get_content()
    assert f"{BASE}/returns/2020-21-Q1/plans/{plan_id}" in sent_back.get_content()


def test_a_kind_turned_off_on_the_profile_is_not_sent(named, smtp):
    lead = Account.select(Account.id).where(Account.email == TVP_LEAD).first().run_sync()
    asyncio.run(save_choices(lead["id"], Role.LEAD, [NoticeKind.RETURN_ACCEPTED.value]))
    raise_one(tvp_action()["id"])

    run_dispatch(smtp.server)

    assert smtp.mailbox.received == [] and notices() == []


def test_redacting_a_challenge_redacts_the_copy_its_notice_keeps(named):
    question = "The family's NHS number is " + NHS_NUMBER + " and the case needs a review soon."
    asyncio.run(
        raise_challenge(
            tvp_action()["id"],
            ChallengeForm(question, "2020-10-14"),
            person=CHAIR_PERSON,
            today=TODAY,
            confirmed=True,
        )
    )
    run_dispatch(None)
    assert NHS_NUMBER in " ".join(notices()[0]["body"].split())
    [flag] = FlaggedText.select(FlaggedText.id).run_sync()

    asyncio.run(redact_flag(flag["id"], redacted_by="bu@example.org"))

    body = " ".join(notices()[0]["body"].split())
    assert NHS_NUMBER not in body and "[redacted" in body
