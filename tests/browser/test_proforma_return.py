"""The business unit takes a returned proforma back from the plan's return page in a real
browser: the preview shows each action's quarter, the proposals and the rows to skip; the
return comes out Submitted; a proposal is accepted from the return page. Each page passes axe."""

from __future__ import annotations

import io
import re
from collections.abc import Iterator

import pytest
from openpyxl import load_workbook

from tests.browser.conftest import ARTEFACTS, _tracker, running_server, seeded_copy, sign_in_as
from tests.browser.test_accessibility import violations
from tests.browser.test_reflow import OVERFLOWS
from tests.support.accounts import BUSINESS_UNIT, PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("proforma-return")]
QUARTER = "2020-21-Q2"


@pytest.fixture(scope="module")
def return_server(tmp_path_factory, seeded_database) -> Iterator[str]:
    env = seeded_copy(seeded_database, tmp_path_factory.mktemp("proforma-return"))
    _tracker(
        "users",
        "add",
        BUSINESS_UNIT,
        "--role",
        "business-unit",
        "--name",
        "Bea Unit",
        "--password-stdin",
        env=env,
        stdin=PASSWORD + "\n",
    )
    with running_server(env, tmp_path_factory.mktemp("proforma-return-server")) as url:
        yield url


def filled(content: bytes) -> bytes:
    """A RAG set, a lead re-worded in a locked column, and a row added."""
    workbook = load_workbook(io.BytesIO(content))
    sheet = workbook["Proforma"]
    sheet["J6"] = "Red"
    sheet["F6"] = "Someone else entirely"
    last = 6
    while sheet[f"C{last + 1}"].value:
        last += 1
    sheet[f"C{last + 1}"] = "Share the learning with neighbouring partnerships"
    sheet[f"J{last + 1}"] = "Green"
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def fits_at_320(page, name: str) -> list[str]:
    """What sticks out of a 320 px window outside a table's scroll region (and a picture)."""
    page.set_viewport_size({"width": 320, "height": 800})
    try:
        (ARTEFACTS / "reflow").mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(ARTEFACTS / "reflow" / f"{name}-320.png"), full_page=True)
        return page.evaluate(OVERFLOWS)
    finally:
        page.set_viewport_size({"width": 1280, "height": 900})


def test_a_returned_proforma_is_imported_from_its_return_page(page, return_server, tmp_path):
    url = return_server
    sign_in_as(page, url, BUSINESS_UNIT)
    page.goto(url + f"/returns/{QUARTER}")
    page.locator("a[href*='/plans/']", has_text="Overarching").first.click()
    return_path = page.url
    proforma = page.get_by_role("link", name=re.compile("Download this return's proforma"))
    download = page.request.get(url + proforma.get_attribute("href"))
    returned = tmp_path / "returned.xlsx"
    returned.write_bytes(filled(download.body()))

    page.get_by_label("The agency's filled-in proforma (.xlsx)").set_input_files(str(returned))
    page.get_by_role("button", name="Preview the import").click()
    main = page.locator("main")
    assert "What changes this quarter, action by action" in main.inner_text()
    assert "Proposed new actions" in main.inner_text()
    assert "Proposed edits" in main.inner_text()
    assert violations(page) == []
    assert fits_at_320(page, "import-preview") == []
    page.get_by_role("button", name="Confirm the import").click()

    page.goto(return_path)
    assert "Submitted" in page.locator(".summary-list").inner_text()
    proposals = page.get_by_role("table", name=re.compile("the agency proposes"))
    assert "Someone else entirely" in proposals.inner_text()
    assert violations(page) == []
    assert fits_at_320(page, "return-with-proposals") == []
    page.get_by_role("button", name=re.compile("Accept new action")).click()
    assert "Proposal accepted" in page.locator("main").inner_text()
    assert (
        "Share the learning with neighbouring partnerships"
        in page.locator("table.actions").inner_text()
    )
