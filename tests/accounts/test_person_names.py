"""People are shown by their name, their e-mail only where no name is set, at no extra
query (the names come with the glossary every page reads)."""

from pathlib import Path

from tests.support.accounts import BUSINESS_UNIT, CHAIR, sign_in
from tests.support.portal import call
from tracker.accounts.changes import change_account
from tracker.core.web.templating import make_environment


def test_the_filter_gives_the_name_or_else_the_e_mail():
    environment = make_environment(Path(__file__).parents[2] / "templates")
    shown = environment.from_string(
        "{{ a | person_name }}/{{ b | person_name }}/{{ c | person_name }}"
    )
    people = {"sam@example.org": "Sam Patel"}
    assert shown.render(a="Sam@Example.org", b="kim@example.org", c=None, people=people) == (
        "Sam Patel/kim@example.org/"
    )


def test_the_audit_trail_names_who_did_it_with_their_e_mail_beside(anonymous_client):
    client = anonymous_client
    call(client, lambda: change_account(CHAIR, name="Chris Chair", by=BUSINESS_UNIT))
    assert sign_in(client, CHAIR).status_code == 303
    client.post("/sign-out", headers={"x-csrftoken": client.cookies["csrftoken"]})
    assert sign_in(client, BUSINESS_UNIT).status_code == 303
    page = client.get("/audit").text
    assert f'<td>Chris Chair<span class="hint">{CHAIR}</span></td>' in page
    assert f"<td>{BUSINESS_UNIT}</td>" in page  # no name set: the e-mail


def test_returns_and_their_history_name_who_submitted_them(tvp_client):
    from tests.returns.test_pages import step, tvp

    call(tvp_client, lambda: change_account(BUSINESS_UNIT, name="Bea Business", by=BUSINESS_UNIT))
    path = tvp(tvp_client)
    assert step(tvp_client, path, "submit").status_code == 303

    page = tvp_client.get(path).text
    quarter = tvp_client.get(path.rsplit("/plans/", 1)[0]).text
    assert "By the business unit (Bea Business)" in page.replace("On the agency's behalf b", "B")
    assert "<td>Bea Business" in page  # the return's history
    assert BUSINESS_UNIT not in page.split("</header>", 1)[1]
    assert "(Bea Business)" in quarter
