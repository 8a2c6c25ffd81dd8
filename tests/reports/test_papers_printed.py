"""The papers as a board member prints them, for a busy quarter (13 agency plans, 40 red
actions, 12 escalations, 8 key messages): LibreOffice prints the Word papers and workbooks,
WeasyPrint makes the PDFs, Chromium prints the web pages; poppler reads the pages back.

MASA is one A4 page in every format; every page carries the marking and "Page X of Y"; no
word is broken across lines in the Word paper; the PDF is tagged. The first two pages of
each paper are saved as pictures under test-artefacts/papers/.
"""

from __future__ import annotations

import html
import io
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from docx import Document
from pypdf import PdfReader

from tests.conftest import required
from tests.reports.busy import busy_report
from tests.reports.test_libreoffice import libreoffice
from tracker.core.settings import REPO_ROOT
from tracker.reports.as_docx import report_docx
from tracker.reports.as_html import report_html
from tracker.reports.as_pdf import report_pdf
from tracker.reports.as_xlsx import report_xlsx
from tracker.reports.model import Audience

pytestmark = pytest.mark.programs  # runs LibreOffice, Chromium and poppler

ARTEFACTS = REPO_ROOT / "test-artefacts" / "papers"
MARKING = "OFFICIAL-SENSITIVE"


def _program(name: str, apt: str) -> str:
    found = shutil.which(name)
    if not found:
        message = f"{name} is not installed (apt-get install {apt})"
        if required("REQUIRE_LIBREOFFICE"):
            pytest.fail(message)
        pytest.skip(message)
    return found


def _chromium_pdf(html: Path, out: Path) -> Path | None:
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if not chromium:
        return None
    subprocess.run(
        [
            chromium,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--no-pdf-header-footer",
            f"--print-to-pdf={out}",
            html.as_uri(),
        ],
        check=True,
        capture_output=True,
        timeout=120,
    )
    return out


@pytest.fixture(scope="module")
def printed(tmp_path_factory) -> dict[str, Path]:
    """Each paper as printed: {"masa.docx": its PDF, ...}."""
    program = libreoffice()
    _program("pdftotext", "poppler-utils")
    work = tmp_path_factory.mktemp("papers")
    profile = f"-env:UserInstallation=file://{work}/profile"
    made: dict[str, Path] = {}
    office = []
    for audience in Audience:
        report = busy_report(audience)
        name = audience.value
        for suffix, render in (("docx", report_docx), ("xlsx", report_xlsx)):
            path = work / f"{name}-{suffix}.{suffix}"
            path.write_bytes(render(report))
            office.append(path)
        (work / f"{name}.pdf").write_bytes(report_pdf(report))
        made[f"{name}.pdf"] = work / f"{name}.pdf"
        html = work / f"{name}.html"
        html.write_bytes(report_html(report))
        chromium = _chromium_pdf(html, work / f"{name}-html.pdf")
        if chromium:
            made[f"{name}.html"] = chromium
    subprocess.run(  # all in one start of LibreOffice
        [program, profile, "--headless", "--convert-to", "pdf", "--outdir", str(work), *office],
        check=True,
        capture_output=True,
        timeout=300,
    )
    for path in office:
        made[f"{path.stem.rsplit('-', 1)[0]}.{path.suffix[1:]}"] = work / f"{path.stem}.pdf"
    return made


def _halves(word: str) -> list[str]:
    parts = word.split("-")
    return [f"{'-'.join(parts[:i])}-" for i in range(1, len(parts))] + [
        "-".join(parts[i:]) for i in range(1, len(parts))
    ]


def pages(pdf: Path) -> list[str]:
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], check=True, capture_output=True, text=True
    ).stdout
    return text.split("\f")[:-1]


def test_the_pictures_of_the_first_two_pages_are_saved(printed):
    ARTEFACTS.mkdir(parents=True, exist_ok=True)
    _program("pdftoppm", "poppler-utils")
    for name, pdf in printed.items():
        stem = ARTEFACTS / name.replace(".", "-")
        subprocess.run(
            ["pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "2", str(pdf), str(stem)],
            check=True,
            capture_output=True,
        )
        assert list(ARTEFACTS.glob(f"{stem.name}-*.png"))


def _printed_or_skip(printed: dict, paper: str) -> None:
    """The printed web page needs Chromium: said when it is missing, a failure in CI."""
    if paper in printed:
        return
    message = "Chromium is not installed: the printed web page is not checked"
    if required("REQUIRE_BROWSER"):
        pytest.fail(f"{message} (REQUIRE_BROWSER=1)")
    pytest.skip(message)


@pytest.mark.parametrize("paper", ["masa.docx", "masa.pdf", "masa.xlsx", "masa.html"])
def test_masa_is_one_a4_page_in_every_printed_format(printed, paper):
    _printed_or_skip(printed, paper)
    found = pages(printed[paper])
    assert len(found) == 1, f"{paper} printed on {len(found)} pages"
    text = found[0]
    assert "Escalations to MASA" in text and "Agencies not returned" in text
    assert re.search(r"And \d+ more red actions in the Business Group", text)


@pytest.mark.parametrize(
    "paper",
    [
        "business-group.docx",
        "business-group.pdf",
        "business-group.xlsx",
        "business-group.html",
        "masa.docx",
        "masa.pdf",
        "masa.xlsx",
        "masa.html",
    ],
)
def test_every_page_carries_the_marking_and_page_x_of_y(printed, paper):
    _printed_or_skip(printed, paper)
    found = pages(printed[paper])
    assert len(found) >= 1
    for number, text in enumerate(found, start=1):
        assert text.count(MARKING) >= 2, f"{paper} page {number}: marking top and bottom"
        assert f"Page {number} of {len(found)}" in text, f"{paper} page {number}"


def test_the_business_group_paper_is_portrait_with_its_appendix_landscape(printed):
    reader = PdfReader(printed["business-group.docx"])
    shapes = [page.mediabox.width < page.mediabox.height for page in reader.pages]
    first_landscape = shapes.index(False)
    assert all(shapes[:first_landscape]) and not any(shapes[first_landscape:])
    assert "Appendix: every plan" in pages(printed["business-group.docx"])[first_landscape]


@pytest.mark.parametrize("paper", ["business-group.docx", "business-group.pdf"])
def test_no_word_is_broken_across_lines_in_the_business_group_paper(printed, paper):
    report = busy_report(Audience.BUSINESS_GROUP)
    document = Document(io.BytesIO(report_docx(report)))
    texts = [p.text for p in document.paragraphs]
    texts += [c.text for t in document.tables for r in t.rows for c in r.cells]
    texts += [p.text for s in document.sections for p in s.header.paragraphs + s.footer.paragraphs]
    texts += re.findall(r">([^<]+)<", report_html(report).decode())  # the web page's own words
    words = {html.unescape(word) for text in texts for word in text.split()}
    numbering = re.compile(
        r"^(\d+\.?|\uf0b7|•|█+)$"
    )  # list numbers and bullets, page numbers, bars
    # A line may end after the hyphen of a hyphenated word ("front-" / "line"), as type does.
    halves = {half for word in words if "-" in word.strip("-") for half in _halves(word)}
    broken = set()
    for text in pages(printed[paper]):
        for token in text.split():
            if token not in words | halves and not numbering.match(token):
                broken.add(token)
    assert not broken, f"pieces of words on the printed page: {sorted(broken)[:20]}"


def test_the_pdf_is_tagged_for_screen_readers(printed):
    for name in ("masa.pdf", "business-group.pdf"):
        root = PdfReader(printed[name]).trailer["/Root"]
        assert "/StructTreeRoot" in root, name
        assert bool(root["/MarkInfo"]["/Marked"]), name
        assert root["/Lang"] == "en-GB"
