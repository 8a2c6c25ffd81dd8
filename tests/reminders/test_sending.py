"""A reminder run against a real local SMTP server: the right digests, once, and never again.

TVP's lead (lead@example.org) is reminded on 7 Jul 2020 of TVP's Q1 return
(a draft due 14 Jul), action 2.2 (due in 10 days) and action 1.1 (overdue).
"""

import asyncio
import json
from datetime import date, timedelta

from tests.reminders.conftest import TODAY, set_due
from tests.support.accounts import TVP_LEAD, make_account, make_account_async
from tracker.core.roles import Role
from tracker.core.settings import DEFAULT_BASE_URL
from tracker.core.tables import AuditEvent, ReminderDigest, ReminderItem
from tracker.reminders.due import due_today
from tracker.reminders.run import claim, send_reminders

SENDER = "osscb-reminders@example.org"


def run_on(day: date, server):
    return asyncio.run(
        send_reminders(day, server=server, sender=SENDER, base_url="https://tracker.example.org")
    )


def digests() -> list[dict]:
    return ReminderDigest.select().order_by(ReminderDigest.id).run_sync()


def items() -> list[dict]:
    return ReminderItem.select().order_by(ReminderItem.id).run_sync()


def test_a_run_delivers_one_digest_to_the_lead_listing_the_return_and_both_actions(
    reminders_db, smtp
):
    report = run_on(TODAY, smtp.server)

    [message] = smtp.mailbox.received
    assert message["To"] == TVP_LEAD and message["From"] == SENDER
    assert message["Subject"] == (
        "Neglect strategy tracker, 7 Jul 2020: 1 return to submit, 1 overdue action, "
        "1 action due soon"
    )
    body = message.get_content()
    flat = " ".join(body.split())
    assert "Thames Valley Police: the 2020-21 Q1 return is due in 7 days" in flat
    assert "(deadline 14 Jul 2020); it is in progress, not yet submitted." in flat
    assert "https://tracker.example.org/returns/2020-21-Q1/plans/" in body
    assert "action 1.1" in flat and "was due on 1 Jul 2020, 6 days overdue" in flat
    assert "action 2.2" in flat and "due in 10 days, on 17 Jul 2020" in flat
    assert [(outcome.recipient, outcome.reminders) for outcome in report.sent] == [(TVP_LEAD, 3)]

    [digest] = digests()
    assert (digest["recipient"], digest["day"], digest["status"]) == (TVP_LEAD, TODAY, "sent")
    assert digest["sent_at"] is not None and digest["body"] == body.replace("\r\n", "\n")
    assert len(items()) == 3
    [entry] = AuditEvent.select().where(AuditEvent.kind == "reminders-sent").run_sync()
    assert entry["actor"] == "system"
    assert "1 e-mail(s) sent with 3 reminder(s); 0 not sent" == entry["summary"]
    assert json.loads(entry["after"])["sent"] == {TVP_LEAD: 3}


def test_a_second_run_sends_nothing_and_a_new_overdue_action_goes_alone_the_next_day(
    reminders_db, smtp
):
    run_on(TODAY, smtp.server)
    again = run_on(TODAY, smtp.server)
    assert len(smtp.mailbox.received) == 1 and again.sent == () and again.failed == ()

    next_day = run_on(TODAY + timedelta(days=1), smtp.server)
    assert next_day.sent == () and len(smtp.mailbox.received) == 1

    asyncio.run(set_due("8.1", TODAY))  # overdue from tomorrow
    day_after = run_on(TODAY + timedelta(days=1), smtp.server)
    assert [(outcome.recipient, outcome.reminders) for outcome in day_after.sent] == [(TVP_LEAD, 1)]
    newest = smtp.mailbox.received[-1]
    assert newest["Subject"].endswith("8 Jul 2020: 1 overdue action")
    body = " ".join(newest.get_content().split())
    assert "action 8.1" in body and "1 day overdue" in body
    assert "Q1 return" not in body and "action 2.2" not in body
    # Runs that sent nothing leave the audit trail alone.
    assert AuditEvent.count().where(AuditEvent.kind == "reminders-sent").run_sync() == 2


def test_new_reminders_of_someone_already_sent_a_digest_today_wait_until_tomorrow(
    reminders_db, smtp
):
    run_on(TODAY, smtp.server)
    asyncio.run(set_due("8.1", TODAY - timedelta(days=1)))
    same_day = run_on(TODAY, smtp.server)
    assert same_day.sent == () and same_day.waiting == (TVP_LEAD,)
    tomorrow = run_on(TODAY + timedelta(days=1), smtp.server)
    assert [outcome.reminders for outcome in tomorrow.sent] == [1]
    assert len(smtp.mailbox.received) == 2


def test_the_week_before_reminder_then_the_day_before_then_overdue_each_go_once(reminders_db, smtp):
    for day in range(7, 17):  # 7 Jul to 16 Jul: the deadline is 14 Jul
        run_on(date(2020, 7, day), smtp.server)
    returns = [
        " ".join(message.get_content().split())
        for message in smtp.mailbox.received
        if "Returns to submit" in message.get_content()
    ]
    assert len(returns) == 3
    assert "Q1 return is due in 7 days" in returns[0]
    assert "Q1 return is due tomorrow" in returns[1]
    assert "Q1 return is 1 day overdue" in returns[2]


def test_a_refusing_server_leaves_nothing_marked_sent_and_a_later_run_sends_it(
    reminders_db, smtp, closed_smtp
):
    failed = run_on(TODAY, closed_smtp)
    assert failed.sent == () and [outcome.recipient for outcome in failed.failed] == [TVP_LEAD]
    assert "refused the connection" in (failed.failed[0].error or "")
    assert digests() == [] and items() == []
    [entry] = AuditEvent.select().where(AuditEvent.kind == "reminders-sent").run_sync()
    assert json.loads(entry["after"])["failed"] == {TVP_LEAD: failed.failed[0].error}

    later = run_on(TODAY, smtp.server)
    assert [outcome.reminders for outcome in later.sent] == [3]
    assert len(smtp.mailbox.received) == 1


def test_one_persons_refused_address_does_not_stop_the_others(reminders_db, smtp):
    csc_lead = make_account(Role.LEAD, "csc-lead@example.org", agencies=("Children's Social Care",))
    smtp.mailbox.refuse.add(TVP_LEAD)

    report = run_on(TODAY, smtp.server)

    assert [outcome.recipient for outcome in report.sent] == [csc_lead]
    assert [outcome.recipient for outcome in report.failed] == [TVP_LEAD]
    assert "550" in (report.failed[0].error or "")
    assert [message["To"] for message in smtp.mailbox.received] == [csc_lead]
    assert [row["recipient"] for row in digests()] == [csc_lead]


def test_two_runs_at_once_send_each_digest_once(reminders_db, smtp):
    async def both() -> None:
        await asyncio.gather(
            *(
                send_reminders(TODAY, server=smtp.server, sender=SENDER, base_url=DEFAULT_BASE_URL)
                for _ in range(2)
            )
        )

    asyncio.run(both())
    assert len(smtp.mailbox.received) == 1 and len(digests()) == 1


def test_a_digest_claimed_already_cannot_be_claimed_again(reminders_db):
    async def twice() -> tuple[int | None, int | None]:
        [digest] = (await due_today(TODAY, DEFAULT_BASE_URL)).digests
        return await claim(digest), await claim(digest)

    first, second = asyncio.run(twice())
    assert first is not None and second is None


def test_disabled_leads_and_other_roles_get_no_reminders(reminders_db, smtp):
    from tracker.core.tables import Account

    Account.update({Account.active: False}).where(Account.email == TVP_LEAD).run_sync()
    assert run_on(TODAY, smtp.server).sent == ()
    assert smtp.mailbox.received == []


def test_a_lead_of_another_agency_is_reminded_of_the_actions_their_title_leads(reminders_db):
    from tests.reminders.conftest import tvp_action_id
    from tracker.core.tables import Account, AccountLeadName, Action

    async def prepare() -> None:
        action = await tvp_action_id("2.2")
        await Action.update({Action.lead: "DI Neglect; Health lead"}).where(Action.id == action)
        for email, title in (("titled@example.org", "di neglect"), ("other@example.org", None)):
            await make_account_async(Role.LEAD, email, ("Oxford Health, NHS Foundation Trust",))
            if title:
                [row] = await Account.select(Account.id).where(Account.email == email)
                await AccountLeadName.insert(AccountLeadName(account=row["id"], lead_name=title))

    asyncio.run(prepare())
    due = asyncio.run(due_today(TODAY, DEFAULT_BASE_URL))
    actions = {
        digest.recipient: sorted(
            item.key.split(":")[1] for item in digest.reminders if item.path.startswith("/actions/")
        )
        for digest in due.digests
    }
    ids = {ref: str(asyncio.run(tvp_action_id(ref))) for ref in ("1.1", "2.2")}
    assert actions[TVP_LEAD] == sorted([ids["1.1"], ids["2.2"]])  # the agency's own lead
    assert actions["titled@example.org"] == [ids["2.2"]]  # by the title it leads
    assert actions.get("other@example.org", []) == []  # neither its agency nor its title
