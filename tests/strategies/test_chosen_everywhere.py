"""Every page, download and API route that shows a strategy's content shows the chosen
strategy's, and not the other's, on a database with two strategies (tests.support.
two_strategies): the seeded 2020-23 one and "Oxfordshire Neglect Strategy 2023-26".

ROUTES says, for each route, what only the 2023-26 strategy shows there and what only
the 2020-23 one does (a workbook's cells, a document's words, each workbook of a zip).
test_every_route checks that these, the routes tested elsewhere, those shared by every
strategy and those about one thing (an id) together name every GET route.
"""

from __future__ import annotations

import io
import zipfile

import docx
import openpyxl
import pytest

from tests.support.accounts import TVP_LEAD, csrf_headers, sign_in
from tests.support.two_strategies import (
    CHALLENGE_IDS,
    NEW_MARK,
    NEW_STRATEGY,
    OLD_MARK,
    OLD_STRATEGY,
    RATED_QUARTER,
    choose,
)

OLD_ACTION = "Neglect Performance Dashboard"  # the 2020-23 overarching plan's 2.1
OLD_TVP = "Deliver neglect briefings"  # TVP's 2020-23 action 1.1


def _main(text: str) -> str:
    """The page's own content: the header's switcher names both strategies."""
    return text.split("<main", 1)[-1] if "<main" in text else text


def _workbook_text(content: bytes) -> str:
    book = openpyxl.load_workbook(io.BytesIO(content), read_only=True)
    return "\n".join(
        str(value)
        for sheet in book.worksheets
        for row in sheet.iter_rows(values_only=True)
        for value in row
        if value is not None
    )


def _document_text(content: bytes) -> str:
    document = docx.Document(io.BytesIO(content))
    cells = (cell.text for table in document.tables for row in table.rows for cell in row.cells)
    return "\n".join([*(paragraph.text for paragraph in document.paragraphs), *cells])


def _said(path: str, answer) -> str:
    """What a page or download says: a workbook's cells, a document's words, each
    workbook in a zip."""
    bare = path.split("?", 1)[0]
    if bare.endswith(".xlsx"):
        return _workbook_text(answer.content)
    if bare.endswith(".docx"):
        return _document_text(answer.content)
    if bare.endswith(".zip"):
        packed = zipfile.ZipFile(io.BytesIO(answer.content))
        return "\n".join(
            f"{name}\n{_workbook_text(packed.read(name))}" for name in packed.namelist()
        )
    if 'action="/strategy"' not in answer.text:  # a report on its own: its header is its own
        return answer.text
    return _main(answer.text)


# path: (what only the 2023-26 strategy shows, what only the 2020-23 one shows)
ROUTES = {
    "/": (NEW_STRATEGY, OLD_STRATEGY),
    "/?as_at=2024-06-30": (NEW_STRATEGY, "Overarching"),
    "/dashboard?as_at=2024-06-30": ("(31 Mar 2026)</option>", "(31 Mar 2023)</option>"),
    "/coverage": (NEW_STRATEGY, OLD_STRATEGY),
    "/reports": ("ended on 31 Mar 2026", "ended on 31 Mar 2023"),
    "/reports/2024-25-Q1/business-group.html": (NEW_MARK, OLD_ACTION),
    "/reports/2024-25-Q1/business-group/preview": (NEW_MARK, OLD_ACTION),
    "/returns/2024-25-Q1": ("31 Mar 2026", "Overarching"),
    "/challenges": (f"{NEW_MARK} question", f"{OLD_MARK} question"),
    "/escalations": (f"{NEW_MARK} issue", f"{OLD_MARK} issue"),
    f"/assurance?quarter={RATED_QUARTER}": (f"{NEW_MARK} reason", f"{OLD_MARK} reason"),
    "/api/plans": ('"actions":3', "Overarching"),
    "/api/actions": (NEW_MARK, OLD_ACTION),
    "/api/actions?plan=Thames%20Valley%20Police": (NEW_MARK, OLD_TVP),
    "/review?as_at=2024-06-30": (NEW_MARK, OLD_ACTION),
    "/review.csv?as_at=2024-06-30": (NEW_MARK, OLD_ACTION),
    "/review.xlsx?as_at=2024-06-30": (NEW_MARK, OLD_ACTION),
    "/reports/2024-25-Q1/business-group.xlsx": (NEW_MARK, OLD_ACTION),
    "/reports/2024-25-Q1/business-group.docx": (NEW_MARK, OLD_ACTION),
    "/reports/2024-25-Q1/business-group.json": (NEW_MARK, OLD_ACTION),
    "/reports/2024-25-Q1/masa.html": (NEW_MARK, "Brief neighbourhood teams"),
    "/reports/2024-25-Q1/masa/preview": (NEW_MARK, "Brief neighbourhood teams"),
    "/returns/2024-25-Q1/proformas.zip": (NEW_MARK, OLD_TVP),
}
LEAD_ROUTES = {
    "/my-actions": (NEW_MARK, OLD_TVP),
    "/my-actions?per_page=100": (f"{NEW_MARK} question", f"{OLD_MARK} question"),
}


def _cases(routes):
    for path, said in routes.items():
        (new, old), marks = (said.values, said.marks) if hasattr(said, "marks") else (said, ())
        yield pytest.param(path, NEW_STRATEGY, new, old, id=f"{path} 2023-26", marks=marks)
        yield pytest.param(path, OLD_STRATEGY, old, new, id=f"{path} 2020-23", marks=marks)


@pytest.mark.parametrize(("path", "strategy", "shown", "not_shown"), list(_cases(ROUTES)))
def test_a_route_shows_the_chosen_strategy_alone(
    two_strategies_client, path, strategy, shown, not_shown
):
    choose(two_strategies_client, strategy)
    answer = two_strategies_client.get(path)
    assert answer.status_code == 200, answer.text[:500]
    content = _said(path, answer)
    assert shown in content
    assert not_shown not in content


@pytest.mark.parametrize(
    ("strategy", "shown", "not_shown"),
    [(NEW_STRATEGY, NEW_MARK, OLD_MARK), (OLD_STRATEGY, OLD_MARK, NEW_MARK)],
)
def test_to_do_lists_the_chosen_strategys_overdue_replies_alone(
    two_strategies_client, strategy, shown, not_shown
):
    choose(two_strategies_client, strategy)
    content = _main(two_strategies_client.get("/todo").text)
    assert f'href="/challenges/{CHALLENGE_IDS[shown]}"' in content
    assert f'href="/challenges/{CHALLENGE_IDS[not_shown]}"' not in content
    assert ("Overarching" in content) is (strategy == OLD_STRATEGY)  # its return is overdue


@pytest.mark.parametrize(("path", "strategy", "shown", "not_shown"), list(_cases(LEAD_ROUTES)))
def test_a_leads_route_shows_the_chosen_strategy_alone(
    two_strategies_client, path, strategy, shown, not_shown
):
    two_strategies_client.post("/sign-out", headers=csrf_headers(two_strategies_client))
    assert sign_in(two_strategies_client, TVP_LEAD).status_code == 303
    choose(two_strategies_client, strategy)
    answer = two_strategies_client.get(path)
    assert answer.status_code == 200
    content = _main(answer.text)
    assert shown in content
    assert not_shown not in content
