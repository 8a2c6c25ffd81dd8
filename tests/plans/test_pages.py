"""The strategy's pages, server-rendered and readable without JavaScript."""

import re
from html.parser import HTMLParser

import pytest


class Outline(HTMLParser):
    """Collects what the accessibility checks below look at."""

    def __init__(self):
        super().__init__()
        self.h1 = 0
        self.tables = 0
        self.captions = 0
        self.header_cells = 0
        self.lang = None

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "html":
            self.lang = attributes.get("lang")
        self.h1 += tag == "h1"
        self.tables += tag == "table"
        self.captions += tag == "caption"
        self.header_cells += tag == "th"


def outline(html: str) -> Outline:
    parser = Outline()
    parser.feed(html)
    return parser


def text_of(html: str) -> str:
    """What a reader sees: tags removed, spaces collapsed."""
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def row_of(page: str, ref: str) -> str:
    row = page[page.index(f'id="action-{ref}"') :]
    return row[: row.index("</tr>")]


def plan_id(client, name: str) -> int:
    home = client.get("/").text
    match = re.search(r'href="/plans/(\d+)">' + re.escape(name) + "<", home)
    assert match, f"{name} is not linked from the home page"
    return int(match[1])


def test_home_lists_every_plan_with_its_counts(client):
    response = client.get("/")
    assert response.status_code == 200
    page = response.text
    assert "Oxfordshire Neglect Strategy 2020-23" in page
    assert ">Overarching<" in page
    assert ">Thames Valley Police<" in page
    assert "Children&#39;s Social Care (additional actions)" in page
    # 21 actions in all, none rated yet, and overdue counted as at today
    assert re.search(r"21 actions, \d+ overdue", page)


@pytest.mark.parametrize(
    "path",
    ["/", "/agencies", "/core-components", "/glossary"],
)
def test_each_page_has_one_h1_and_captioned_tables(client, path):
    page = outline(client.get(path).text)
    assert page.lang == "en-GB"
    assert page.h1 == 1
    assert page.tables >= 1
    assert page.captions == page.tables
    assert page.header_cells > 0


def test_overarching_plan_shows_actions_in_appendix_order(client):
    page = client.get(f"/plans/{plan_id(client, 'Overarching')}").text
    refs = re.findall(r'aria-label="Action ([\d.]+)"', page)
    assert refs == ["1.1", "1.2", "2.1", "2.2", "3.1", "4.1", "4.2", "4.3", "5.1", "5.2"]
    assert outline(page).h1 == 1
    row = text_of(row_of(page, "4.2"))
    assert "ESAT Manager" in row
    assert "Dec 20" in row
    assert "31 Dec 2020" in row
    assert "Not rated" in row


def test_bullets_in_action_text_are_shown_as_lists(client):
    page = client.get(f"/plans/{plan_id(client, 'Overarching')}").text
    row = row_of(page, "1.1")
    assert "<ul><li>Review each agency action plan" in row
    assert row.count("<li>") == 4


def test_glossary_abbreviations_are_explained_on_any_page(client):
    page = client.get(f"/plans/{plan_id(client, 'Overarching')}").text
    assert '<abbr title="Education Service Advisory Team">ESAT</abbr> Manager' in page
    assert '<abbr title="Oxfordshire Safeguarding Children Board">OSCB</abbr>' in page


def test_an_agency_plan_starts_empty_and_says_so(client):
    page = client.get(f"/plans/{plan_id(client, 'Thames Valley Police')}").text
    assert "No actions yet" in page


def test_action_page_shows_every_field_and_its_history(client):
    overarching = client.get(f"/plans/{plan_id(client, 'Overarching')}").text
    action_id = re.search(r'href="/actions/(\d+)[^"]*" aria-label="Action 1.2"', overarching)[1]
    page = client.get(f"/actions/{action_id}").text
    assert outline(page).h1 == 1
    assert "<h1>Action 1.2</h1>" in page
    for field in (
        "Objective",
        "Action",
        "Input",
        "Desired outcome",
        "Lead",
        "Time-frame",
        "Due",
        "Recurring",
        "Core components",
        "Latest progress",
    ):
        assert f"<dt>{field}</dt>" in page
    assert "31 Mar 2021" in page
    assert "Quarterly" in page
    assert "Update history" in page
    assert "No updates yet." in page


def test_agencies_page_lists_the_13_agencies_with_their_plans(client):
    page = client.get("/agencies").text
    assert page.count('<th scope="row">') == 13
    assert "TVP" in page
    assert "Oxford University Hospitals" in page


def test_core_components_page_lists_the_12_components(client):
    page = client.get("/core-components").text
    assert page.count('<th scope="row" class="numeric">') == 12
    assert "adolescent neglect" in page


def test_glossary_page_lists_every_term(client):
    page = client.get("/glossary").text
    assert "Multi-Agency Safeguarding Hub" in page
    assert page.count('<th scope="row">') == 17


def test_an_unknown_plan_is_a_plain_404_page(client):
    response = client.get("/plans/999999")
    assert response.status_code == 404
    assert "Page not found" in response.text
    assert "Traceback" not in response.text


def test_a_mistyped_as_at_date_is_explained_not_a_crash(client):
    response = client.get(f"/plans/{plan_id(client, 'Overarching')}?as_at=2020-13-45")
    assert response.status_code == 200
    assert "Enter a real date" in response.text


def test_plan_as_at_a_past_date_counts_overdue_as_of_that_day(client):
    overarching = plan_id(client, "Overarching")
    before = client.get(f"/plans/{overarching}?as_at=2020-07-01").text
    assert "0 overdue" in before
    after = client.get(f"/plans/{overarching}?as_at=2020-10-01").text
    # 2.1 (Jul 20), 3.1 and 4.1 (Sep 20) have passed their due dates by 1 Oct 2020
    assert "3 overdue" in after
    assert "Overdue by 62 days" in after


def test_htmx_request_gets_only_the_plan_actions(client):
    overarching = plan_id(client, "Overarching")
    response = client.get(
        f"/plans/{overarching}?as_at=2020-10-01",
        headers={"HX-Request": "true", "HX-Target": "plan-actions"},
    )
    assert response.status_code == 200
    assert response.text.lstrip().startswith('<div id="plan-actions"')
    assert "<html" not in response.text


def test_pages_send_security_headers(client):
    response = client.get("/")
    assert response.headers["x-content-type-options"] == "nosniff"
    assert "frame-ancestors 'none'" in response.headers["content-security-policy"]


def test_healthz_reports_the_database(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok"}


def test_years_overdue_are_said_with_the_thousands_grouped(client):
    overarching = plan_id(client, "Overarching")
    later = client.get(f"/plans/{overarching}?as_at=2026-06-01").text
    assert re.search(r"Overdue by \d,\d{3} days", later)
    assert not re.search(r"Overdue by \d{4}", later)
