"""The report's web page, as downloaded and opened, passes axe at desktop and phone widths."""

import pytest

from tests.browser.test_accessibility import violations
from tests.reports.busy import busy_report
from tracker.reports.as_html import report_html
from tracker.reports.model import Audience

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("audience", list(Audience))
def test_the_report_web_page_passes_axe_and_its_tables_scroll_on_a_phone(
    anonymous_page, tmp_path, audience
):
    path = tmp_path / f"{audience.value}.html"
    path.write_bytes(report_html(busy_report(audience)))
    anonymous_page.goto(path.as_uri())
    assert violations(anonymous_page) == []
    anonymous_page.set_viewport_size({"width": 320, "height": 900})
    assert violations(anonymous_page) == []
    wide = anonymous_page.evaluate("document.documentElement.scrollWidth")
    assert wide <= 320  # the page itself does not scroll sideways: its wide tables do
