"""LibreOffice renders the workbook and the board paper (`libreoffice --headless --convert-to pdf`).

Without LibreOffice this is skipped with the reason, unless REQUIRE_LIBREOFFICE=1
(CI, which installs it), where that is a failure.
"""

from __future__ import annotations

import shutil
import subprocess

import pytest

from tests.conftest import required
from tests.reports.test_renderers import report
from tracker.reports.as_docx import report_docx
from tracker.reports.as_xlsx import report_xlsx
from tracker.reports.model import Audience

pytestmark = pytest.mark.programs  # runs LibreOffice


def libreoffice() -> str:
    found = shutil.which("libreoffice") or shutil.which("soffice")
    if not found:
        message = (
            "LibreOffice checks skipped: it is not installed "
            "(apt-get install libreoffice-calc libreoffice-writer)"
        )
        if required("REQUIRE_LIBREOFFICE"):
            pytest.fail(f"{message} (REQUIRE_LIBREOFFICE=1)")
        pytest.skip(message)
    return found


@pytest.fixture(scope="session")
def profile(tmp_path_factory) -> str:
    """One LibreOffice profile for the run: making a new one is most of a first start."""
    return f"-env:UserInstallation=file://{tmp_path_factory.mktemp('libreoffice')}/profile"


@pytest.mark.parametrize("audience", list(Audience))
def test_libreoffice_renders_the_workbook_and_the_board_paper_as_pdf(tmp_path, audience, profile):
    program = libreoffice()
    out = tmp_path / "pdf"
    paths = []
    for render, suffix in ((report_xlsx, "xlsx"), (report_docx, "docx")):
        path = tmp_path / f"report-{suffix}.{suffix}"
        path.write_bytes(render(report(audience)))
        paths.append(path)
    subprocess.run(  # both in one start of LibreOffice
        [program, profile, "--headless", "--convert-to", "pdf", "--outdir", str(out), *paths],
        check=True,
        capture_output=True,
        timeout=180,
    )
    for path in paths:
        pdf = out / f"{path.stem}.pdf"
        assert pdf.read_bytes().startswith(b"%PDF"), f"{path.name} did not render"
        assert pdf.stat().st_size > 5000
