"""A review row (tracker.review.row): every cell the table shows, each value escaped, the
glossary's abbreviations and agencies' short names as the page's filters have them."""

from dataclasses import replace
from datetime import UTC, date, datetime
from types import SimpleNamespace

from tests.review.builders import AS_AT, OVERARCHING, TVP, action
from tracker.assurance.rules import Assurance, Rating
from tracker.core.dates import Quarter
from tracker.review.row import review_row


class _Context(dict):
    """What review_row reads of a page's context: the glossary, short names, the app."""


def _context(app) -> _Context:
    return _Context(
        glossary={"DCI": "Detective Chief Inspector"},
        short_names={"Thames Valley Police": "TVP"},
        request=SimpleNamespace(app=app),
    )


def test_a_row_shows_each_cell_escaped(app_for_rows):
    row = replace(
        action(
            7,
            "1.<b>2</b>",
            text="Brief <script>alert(1)</script> officers",
            lead="DCI Public Protection",
            due=date(2020, 9, 1),
            rag="red",
            progress="Half done & more",
            last_update=date(2020, 6, 30),
        ),
        open_challenges=2,
        open_escalations=1,
    )
    html = str(review_row(_context(app_for_rows), row, "?as_at=2020-09-30"))
    assert html.startswith('<tr id="review-action-7">') and html.endswith("</tr>")
    assert "<script>" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert '<a href="/actions/7?as_at=2020-09-30" aria-label="Action 1.&lt;b&gt;2&lt;/b&gt;' in html
    assert '<abbr title="Detective Chief Inspector">DCI</abbr> Public Protection' in html
    assert 'title="Thames Valley Police" aria-hidden="true">TVP</abbr>' in html
    assert '<strong class="overdue">29 days overdue</strong>' in html
    assert '<span class="rag rag-red">' in html and "Red" in html
    assert "30 Jun 2020" in html and '<strong class="tag tag-todo">Stale</strong>' in html
    assert "Half done &amp; more" in html
    assert "2 challenges<br>1 escalation" in html
    assert html.count("</td>") + html.count("</th>") == 10  # the table's ten columns


def test_a_row_without_dates_or_updates_says_so(app_for_rows):
    row = action(8, "2.1", OVERARCHING, lead=None, due=None, recurring="quarterly", rag=None,
                 last_update=None)  # fmt: skip
    html = str(review_row(_context(app_for_rows), row, ""))
    assert '<a href="/actions/8" aria-label="Action 2.1 of Overarching">' in html
    assert "Quarterly" in html and "Never" in html
    assert html.count('<span class="empty" aria-label="None">–</span>') == 4  # lead, etc.


def test_assurance_that_disagrees_is_tagged_in_words(app_for_rows):
    rating = Rating(8, Quarter.of(AS_AT), "red", "Not seen", "chair@example.org",
                    datetime(2020, 10, 1, tzinfo=UTC))  # fmt: skip
    row = replace(action(9, "3.1", TVP, rag="green"), assurance=Assurance(rating, "green", AS_AT))
    html = str(review_row(_context(app_for_rows), row, ""))
    assert '<span class="hint">2020-21 Q2</span>' in html
    assert '<span aria-hidden="true">⚠ </span>Disagrees</strong>' in html
