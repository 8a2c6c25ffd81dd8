from __future__ import annotations

import pytest

from tracker.core.settings import REPO_ROOT
from tracker.imports.proforma import AgencyDirectory, AgencyName
from tracker.imports.seed_files import read_agencies


@pytest.fixture(scope="session")
def agencies() -> AgencyDirectory:
    """The 13 agencies of Appendix 5 and their short forms, as the first start loads them."""
    rows = read_agencies(REPO_ROOT / "imports" / "appendix5-agencies.xlsx")
    return AgencyDirectory(AgencyName(row.name, row.short_names) for row in rows)
