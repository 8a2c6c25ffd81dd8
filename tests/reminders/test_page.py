"""The reminders page: what a run would send today, and the log of what was sent.

The page works on the tracker's today, TODAY in every test here, and the data is set
relative to it: TVP's return for the quarter just ended is due in 7 days, action 2.2
in 10 days, action 1.1 is 6 days overdue, and TVP's other actions are months away.
"""

import asyncio
from contextlib import contextmanager
from dataclasses import replace
from datetime import date, timedelta

import pytest
from litestar.testing import TestClient

from tests.reminders.conftest import add_leads, set_due
from tests.support.accounts import CHAIR, TVP_LEAD, csrf_headers, sign_in
from tests.support.clock import TODAY, on_today
from tests.support.queries import counting_queries
from tracker.core.dates import Quarter
from tracker.core.engine import use_database
from tracker.core.tables import Action, QuarterDeadline
from tracker.reminders import pages
from tracker.reminders.run import send_reminders

pytestmark = on_today

NOT_SET = "Reminders are not e-mailed: SMTP_URL is not set. Send them by hand from this list."


async def due_around_today() -> None:
    today = TODAY.date()
    await Action.update({Action.due: today + timedelta(days=100)}).where(
        Action.plan.agency.name == "Thames Valley Police"
    )
    await set_due("2.2", today + timedelta(days=10))
    await set_due("1.1", today - timedelta(days=6))
    await QuarterDeadline.insert(
        QuarterDeadline(
            quarter=Quarter.of(today).previous().slug,
            deadline=today + timedelta(days=7),
            set_by="business-unit@example.org",
            set_at=TODAY,
        )
    )


@pytest.fixture
def live_db(tvp_db):
    asyncio.run(due_around_today())
    return tvp_db


@pytest.fixture
def open_page(settings_for):
    """A client signed in as `email`, on an app with or without SMTP_URL."""

    @contextmanager
    def opened(url: str, email: str = "business-unit@example.org", smtp=None):
        from tracker.web.app import create_app

        use_database(url)
        settings = replace(settings_for(url), smtp=smtp)
        with TestClient(create_app(settings)) as client:
            assert sign_in(client, email).status_code == 303
            yield client

    return opened


def words(html: str) -> str:
    return " ".join(html.split())


def test_without_smtp_the_page_lists_todays_reminders_to_send_by_hand(live_db, open_page):
    with open_page(live_db) as client:
        page = client.get("/reminders")
    assert page.status_code == 200
    text = words(page.text)
    assert NOT_SET in text
    assert "1 e-mail with 3 reminders to send." in text
    assert TVP_LEAD in text
    quarter = Quarter.of(TODAY.date()).previous()
    assert f"the {quarter.label} return is due in 7 days" in text
    assert f'href="/returns/{quarter.slug}/plans/' in page.text
    assert "action 2.2" in text and "due in 10 days" in text
    assert "action 1.1" in text and "6 days overdue" in text
    assert "No reminder e-mails have been sent yet." in text
    # The e-mail itself, to copy: on a page of its own.
    link = f'href="/reminders/e-mail?to={TVP_LEAD.replace("@", "%40")}"'
    assert link in page.text and "Dear lead@example.org," not in page.text
    with open_page(live_db) as client:
        email = client.get("/reminders/e-mail", params={"to": TVP_LEAD})
        assert email.status_code == 200
        assert "Dear lead@example.org," in email.text  # the body a run would send
        assert "action 1.1" in email.text and "6 days overdue" in email.text
        nobody = client.get("/reminders/e-mail", params={"to": "nobody@example.org"})
        assert nobody.status_code == 404
        assert "No reminder e-mail is due today to nobody@example.org." in nobody.text


def test_a_long_list_of_reminders_shows_the_first_and_counts_the_rest(
    live_db, open_page, monkeypatch
):
    """A lead with hundreds of actions due: the page lists the first of each kind and says
    how many more; the e-mail holds them all. (TVP has 13 actions: 5 are listed here.)"""
    monkeypatch.setattr(pages, "SHOWN", 5)
    shown = pages.SHOWN
    today = TODAY.date()
    tvp = Action.plan.agency.name == "Thames Valley Police"
    Action.update({Action.due: today - timedelta(days=3)}).where(tvp).run_sync()
    with open_page(live_db) as client:
        page = words(client.get("/reminders").text)
        email = client.get("/reminders/e-mail", params={"to": TVP_LEAD}).text
    overdue = email.count("3 days overdue")  # (not the complete or recurring ones)
    assert overdue > shown
    assert f"Overdue actions ({overdue})" in page
    assert f"And {overdue - shown} more, all in the e-mail." in page
    assert page.count("3 days overdue") == shown


def test_after_a_run_the_log_shows_the_e_mail_and_nothing_is_due_today(live_db, open_page, smtp):
    asyncio.run(
        send_reminders(
            TODAY.date(),
            server=smtp.server,
            sender="osscb@example.org",
            base_url="http://localhost:8000",
        )
    )
    with open_page(live_db, CHAIR, smtp=smtp.server) as client:
        page = client.get("/reminders")
    assert page.status_code == 200
    text = words(page.text)
    assert NOT_SET not in text
    assert "No reminders are due to be sent today." in text
    [row] = page.text.split("<tbody>")[1].split("</tbody>")[0].split("<tr>")[1:]
    row_text = words(row)
    assert TVP_LEAD in row_text
    assert smtp.mailbox.received[0]["Subject"] in row_text
    assert "action 2.2" in row_text and "action 1.1" in row_text and "return is due" in row_text
    assert "Not confirmed" not in row_text


def test_leads_and_viewers_may_not_see_the_reminders(live_db, open_page):
    for email in (TVP_LEAD, "viewer@example.org"):
        with open_page(live_db, email) as client:
            assert client.get("/reminders").status_code == 403
            client.post("/sign-out", headers=csrf_headers(client))


def test_the_page_runs_the_same_queries_for_few_leads_and_actions_as_for_many(
    database_with_actions,
    open_page,
    smtp,
):
    counts = []
    for actions, leads in ((10, 1), (120, 12)):
        url = database_with_actions(actions)
        asyncio.run(add_leads(leads))
        asyncio.run(
            send_reminders(
                date(2020, 9, 30),
                server=smtp.server,
                sender="osscb@example.org",
                base_url="http://localhost:8000",
            )
        )
        with open_page(url) as client:
            with counting_queries() as counted:
                page = client.get("/reminders")
            with counting_queries() as again:  # what is due today, kept
                assert client.get("/reminders").text == page.text
        assert page.status_code == 200
        counts.append((counted.count, again.count, page.text.count('class="reminder-digest"')))
    (few, few_again, few_due), (many, many_again, many_due) = counts
    assert few_due < many_due
    # 17: the log of notifications (tracker.notifications); 18: the strategies; 19: the
    # overarching plan's leads, read apart from the actions a reminder may be about; 20: who
    # may update those actions, read before the actions (only those of a lead are read);
    # 22: what is due today looked up and what the database saw (tracker.core.kept_counts),
    # and on PostgreSQL 23, keeping it.
    assert few == many <= 23, counts
    # Again: what is due today is read, not worked out.
    assert few_again == many_again <= few - 10, counts


def test_what_is_due_today_is_kept_until_a_change_to_what_it_reads(live_db, smtp):
    """The page's list is kept between views (tracker.reminders.due.due_today_kept); each
    change below ends it, and the list given then is the one worked out afresh."""
    from tracker.core.kept_counts import kept
    from tracker.core.tables import Account, AccountLeadName, PlanReturn, Strategy
    from tracker.reminders.due import DUE_TODAY, due_today, due_today_kept

    today, url = TODAY.date(), "http://localhost:8000"
    use_database(live_db)
    quarter = Quarter.of(today).previous()

    async def run() -> None:
        async def fresh_after(change) -> None:
            assert await due_today_kept(today, url) == await due_today(today, url)
            assert today in await kept(DUE_TODAY, None, [today], view=True)
            await change()
            assert today not in await kept(DUE_TODAY, None, [today], view=True), change
            assert await due_today_kept(today, url) == await due_today(today, url), change

        [tvp] = await Action.select(Action.plan).where(Action.ref == "1.1").limit(1)
        [lead] = await Account.select(Account.id).where(Account.email == TVP_LEAD)
        changes = [
            lambda: set_due("1.2", today - timedelta(days=2)),
            lambda: AccountLeadName.insert(
                AccountLeadName(account=lead["id"], lead_name="Head of Service")
            ),
            lambda: QuarterDeadline.update({QuarterDeadline.deadline: today}).where(
                QuarterDeadline.quarter == quarter.slug
            ),
            lambda: PlanReturn.insert(
                PlanReturn(
                    plan=tvp["plan"], quarter=quarter.slug, state="draft", started_at=TODAY
                )  # fmt: skip
            ),
            lambda: send_reminders(
                today, server=smtp.server, sender="o@example.org", base_url=url
            ),  # fmt: skip
            lambda: Account.update({Account.active: False}).where(Account.id == lead["id"]),
            lambda: Strategy.update({Strategy.closed_at: TODAY}, force=True),
        ]
        for change in changes:
            await fresh_after(change)
        # A sign-in's time is not something it reads.
        await due_today_kept(today, url)
        await Account.update({Account.last_signed_in_at: TODAY}).where(Account.id == lead["id"])
        assert today in await kept(DUE_TODAY, None, [today], view=True)

    asyncio.run(run())
