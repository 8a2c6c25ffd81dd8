"""Issue 15, point 4: work comes to each person. After signing in a lead lands on My actions,
whose top lists what waits for them; a chair and the business unit land on To do."""

import html
import re
from functools import partial

import pytest

from tests.support.accounts import (
    BUSINESS_UNIT,
    CHAIR,
    PASSWORD,
    TVP_LEAD,
    VIEWER,
    csrf_headers,
    sign_in,
)
from tests.support.clock import on_today
from tests.support.queries import counting_queries, forget_kept_counts
from tests.todo.work import added, more_work, plan_count, send_back

pytestmark = on_today


def become(client, email: str) -> None:
    client.post("/sign-out", headers=csrf_headers(client))
    assert sign_in(client, email).status_code == 303


def section(page: str, section_id: str) -> str:
    """The HTML of one section of the To do page."""
    return page.split(f'<section class="todo-section" id="{section_id}"', 1)[1].split(
        "</section>", 1
    )[0]


def figures(page: str) -> dict[str, int]:
    """The counts at the top of the page: {"returns awaiting a decision": 1, ...}."""
    listed = page.split('<ul class="todo-counts"', 1)[1].split("</ul>", 1)[0]
    found = re.findall(r'<span class="todo-figure">(\d+)</span> ([^<]+)<', listed)
    return {html.unescape(words.strip()): int(count) for count, words in found}


def listed(page: str) -> int:
    """How many things the page's sections list."""
    return sum(
        part.split("</ul>", 1)[0].count("<li>") for part in page.split('<ul class="todo-list">')[1:]
    )


@pytest.mark.parametrize(
    ("email", "lands_on"),
    [(TVP_LEAD, "/my-actions"), (CHAIR, "/todo"), (BUSINESS_UNIT, "/todo"), (VIEWER, "/")],
)
def test_each_role_lands_on_what_waits_for_it_after_signing_in(tvp_client, email, lands_on):
    tvp_client.post("/sign-out", headers=csrf_headers(tvp_client))
    signed_in = sign_in(tvp_client, email)
    assert signed_in.status_code == 303
    assert signed_in.headers["location"] == lands_on
    assert tvp_client.get(lands_on).status_code == 200


def test_signing_in_to_reach_a_page_still_goes_to_that_page(tvp_client):
    tvp_client.post("/sign-out", headers=csrf_headers(tvp_client))
    signed_in = tvp_client.post(
        "/sign-in",
        data={"email": TVP_LEAD, "password": PASSWORD, "next": "/review?rag=red"},
        headers=csrf_headers(tvp_client),
        follow_redirects=False,
    )
    assert signed_in.headers["location"] == "/review?rag=red"


def test_a_lead_or_viewer_is_refused_the_to_do_page_and_its_count(tvp_client):
    for email in (TVP_LEAD, VIEWER):
        become(tvp_client, email)
        assert tvp_client.get("/todo").status_code == 403
        assert tvp_client.get("/todo/count").status_code == 403
        assert 'href="/todo"' not in tvp_client.get("/").text


def test_the_chairs_to_do_lists_what_waits_and_not_what_is_settled(tvp_client):
    work = added(tvp_client)
    become(tvp_client, CHAIR)
    page = tvp_client.get("/todo").text

    deciding = section(page, "returns-to-decide")
    assert f'href="/returns/2026-27-Q2/plans/{work.other_plan}"' in deciding
    assert "Submitted" in deciding
    assert "2026-27-Q1" not in deciding  # TVP's accepted return waits for nobody

    closing = section(page, "answers-to-close")
    assert f'href="/challenges/{work.answered}"' in closing
    assert f'href="/challenges/{work.closed}"' not in closing  # closed already
    assert f'href="/challenges/{work.overdue}"' not in closing  # not answered yet

    overdue = section(page, "replies-overdue")
    assert f'href="/challenges/{work.overdue}"' in overdue
    assert "Reply overdue by 3 days" in overdue
    assert f'href="/challenges/{work.other_agency}"' in overdue
    assert f'href="/challenges/{work.not_due}"' not in overdue  # wanted in a fortnight
    assert f'href="/challenges/{work.answered}"' not in overdue

    differing = section(page, "disagreements")
    assert "2026-27 Q2" in differing
    assert f'href="/actions/{work.disagreeing}"' in differing
    assert f'href="/actions/{work.agreeing}"' not in differing

    # The business unit's own work is not the chairs'.
    assert 'id="returns-overdue"' not in page and 'id="flagged-text"' not in page


def test_the_counts_at_the_top_say_how_many_and_link_to_each_section(tvp_client):
    added(tvp_client)
    become(tvp_client, CHAIR)
    page = tvp_client.get("/todo").text
    assert figures(page) == {
        "return awaiting a decision": 1,
        "challenge answer to close": 1,
        "assurance rating that differs from the agency's": 1,
        "challenge replies overdue": 2,
    }
    assert '<a href="#replies-overdue"><span class="todo-figure">2</span>' in page
    assert "5 things waiting for you." in page
    assert "Challenge replies overdue <span" in section(page, "replies-overdue")


def test_the_business_unit_also_chases_late_returns_and_reviews_flagged_text(tvp_client):
    work = added(tvp_client)
    page = tvp_client.get("/todo").text  # the business unit
    late = section(page, "returns-overdue")
    # Due 14 Oct 2026: every plan but the one submitted is late with its 2026-27 Q2 return.
    assert late.count("<li>") == plan_count(tvp_client) - 1
    assert f'href="/returns/2026-27-Q2/plans/{work.tvp_plan}"' in late
    assert f'href="/returns/2026-27-Q2/plans/{work.other_plan}"' not in late
    assert "Overdue by 27 days" in late and "Due 14 Oct 2026" in late
    flagged = section(page, "flagged-text")
    assert flagged.count("<li>") == 1  # the cleared flag waits for nobody
    assert f'href="/challenges/{work.answered}"' in flagged
    assert 'href="/flagged-text"' in page
    counted = figures(page)
    assert counted["piece of text flagged for review"] == 1
    assert counted["returns not submitted by their deadline"] == plan_count(tvp_client) - 1


def test_nothing_waiting_is_said_plainly(seeded_db, serve):
    with serve(seeded_db) as client:
        become(client, CHAIR)
        page = client.get("/todo").text
        assert "Nothing waiting for you." in page
        assert all(count == 0 for count in figures(page).values())
        assert page.count('<p class="empty">Nothing waiting.</p>') == 4
        assert client.get("/todo/count").text.strip() == ""


def test_the_navigation_shows_how_many_things_wait_beside_to_do(tvp_client):
    added(tvp_client)
    become(tvp_client, CHAIR)
    home = tvp_client.get("/").text
    assert '<a href="/todo">To do <span hx-get="/todo/count" hx-trigger="load"' in home
    count = tvp_client.get("/todo/count", headers={"HX-Request": "true"}).text
    assert '<span class="nav-count">5<span class="visually-hidden"> waiting</span></span>' in count


def test_the_to_do_page_runs_the_same_queries_however_much_waits(tvp_client):
    work = added(tvp_client)
    counts = []
    for more in (0, 8):
        more_work(tvp_client, work, more)
        forget_kept_counts()
        with counting_queries() as counted:
            page = tvp_client.get("/todo")  # the business unit's: every section
        assert page.status_code == 200
        counts.append((counted.count, listed(page.text)))
    (few_queries, few), (many_queries, many) = counts
    assert (few, many) == (20, 20 + 8 * 3)  # 8 answers, 8 late replies, 8 flags; 8 returns
    # 17 with the strategies, read once a request; 20 with the returns' two counts looked
    # up and, worked out, kept (tracker.core.kept_counts); 23 where a count is of nothing
    # (no action updated in the quarter yet): what the database saw is asked first, and the
    # count made again (kept_counts.counted_rows).
    assert few_queries == many_queries <= 23, many_queries


def test_nobody_waiting_costs_no_more_queries_than_much_waiting(seeded_db, tvp_db, serve):
    counts = []
    for database, with_work in ((seeded_db, False), (tvp_db, True)):
        with serve(database) as client:
            if with_work:
                added(client)
            forget_kept_counts()
            with counting_queries() as counted:
                assert client.get("/todo").status_code == 200
            counts.append(counted.count)
    # Nothing flagged or rated skips the queries that would read what was.
    # With the strategies, read once a request, and the returns' counts kept (a count of
    # nothing asks first what the database saw).
    assert counts[0] <= counts[1] <= 23


def test_my_actions_lists_first_what_waits_for_the_lead(lead_client):
    work = added(lead_client)
    send_back(lead_client, work.tvp_plan, "2020-21-Q2")
    page = lead_client.get("/my-actions").text
    assert figures(page) == {
        "challenges awaiting your reply": 2,
        "return sent back for changes": 1,
        "return to submit for 2026-27 Q2": 1,
    }
    waiting = page.index('class="waiting-for-you"')
    challenges = page.index('id="challenges-for-you"')
    sent_back = page.index('id="sent-back-heading"')
    returns = page.index('id="my-returns-heading"')
    actions = page.index('<table class="table actions"')
    assert waiting < challenges < sent_back < returns < actions
    assert (
        f"/challenges/{work.overdue}/reply" in page and f"/challenges/{work.not_due}/reply" in page
    )
    for not_theirs in (work.other_agency, work.answered, work.closed):
        assert f"/challenges/{not_theirs}/reply" not in page
    assert f'href="/returns/2020-21-Q2/plans/{work.tvp_plan}">Thames Valley Police return' in page
    mine = page[returns:actions]
    assert "0 of 13 updated for the quarter. Due 14 Oct 2026" in mine
    assert "Overdue by 27 days" in mine


def test_a_return_sent_back_for_the_quarter_being_collected_waits_on_my_actions(lead_client):
    work = added(lead_client)
    send_back(lead_client, work.tvp_plan, "2026-27-Q2")
    page = lead_client.get("/my-actions").text
    assert figures(page)["return sent back for changes"] == 1
    assert figures(page)["returns to submit for 2026-27 Q2"] == 0
    sent_back = page.split('id="sent-back-heading"', 1)[1].split("</section>", 1)[0]
    assert f'href="/returns/2026-27-Q2/plans/{work.tvp_plan}"' in sent_back


def test_my_actions_says_when_nothing_waits(seeded_db, serve):
    with serve(seeded_db) as client:
        become(client, TVP_LEAD)  # TVP's plan has no actions and no return to make yet...
        page = client.get("/my-actions").text
        assert "return to submit for 2026-27 Q2" in page  # ...but its Q2 return is due
    with serve(seeded_db) as client:
        from tracker.accounts.store import create_account
        from tracker.core.roles import Role

        with client.portal() as portal:
            portal.call(
                partial(
                    create_account,
                    "titled@example.org",
                    Role.LEAD,
                    agencies=[],
                    lead_names=["Nobody's title"],
                    password=PASSWORD,
                )
            )
        become(client, "titled@example.org")
        page = client.get("/my-actions").text
        assert "Nothing waiting for you" in page
        assert 'class="todo-counts"' not in page
