"""A proforma filled in and saved by LibreOffice, as an agency without Excel would, imports."""

from __future__ import annotations

import subprocess

import pytest
from openpyxl import load_workbook

from tests.proformas.test_round_trip import (
    assert_imported_as_the_q2_return,
    filled_tvp_proforma,
    run_import,
    tvp_status,
)
from tests.reports.test_libreoffice import libreoffice, profile  # noqa: F401 - a fixture

pytestmark = pytest.mark.programs  # runs LibreOffice


def test_a_filled_proforma_saved_by_libreoffice_imports_as_the_quarters_submitted_return(
    tvp_db,
    tmp_path,
    profile,  # noqa: F811
):
    program = libreoffice()
    filled = tmp_path / "filled" / "tvp.xlsx"
    filled.parent.mkdir()
    filled.write_bytes(filled_tvp_proforma(added=True))
    out = tmp_path / "saved"
    subprocess.run(
        [program, profile, "--headless", "--convert-to", "xlsx", "--outdir", str(out), filled],
        check=True,
        capture_output=True,
        timeout=180,
    )
    saved = out / "tvp.xlsx"
    assert saved.read_bytes() != filled.read_bytes()  # written afresh by LibreOffice
    sheet = load_workbook(saved)["Proforma"]
    assert sheet.protection.sheet  # still locked where the agency should not write
    assert sheet.data_validations.dataValidation  # and the RAG drop-down kept

    before = tvp_status()
    assert_imported_as_the_q2_return(run_import(saved, submit_return=True), before)
