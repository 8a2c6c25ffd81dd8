"""The proforma reader: an agency's action-plan spreadsheet (.xlsx) read as
plans, each with its objectives and actions, plus errors and warnings."""

import importlib
from typing import TYPE_CHECKING, Any

from tracker.imports.proforma.agencies import AgencyDirectory, AgencyName
from tracker.imports.proforma.model import (
    ParsedAction,
    ParsedPlan,
    ParsedWorkbook,
    PlanKind,
    Problem,
)

if TYPE_CHECKING:
    from tracker.imports.proforma.result import result_json
    from tracker.imports.proforma.workbook import UnreadableFile, read_workbook

# The reader's modules load openpyxl (a third of a second): imported when first asked for,
# so what needs only the model or the agency names (accounts, the command line's --help)
# does not load it.
_LAZY = {
    "UnreadableFile": "tracker.imports.proforma.workbook",
    "read_workbook": "tracker.imports.proforma.workbook",
    "result_json": "tracker.imports.proforma.result",
}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = [
    "AgencyDirectory",
    "AgencyName",
    "ParsedAction",
    "ParsedPlan",
    "ParsedWorkbook",
    "PlanKind",
    "Problem",
    "UnreadableFile",
    "read_workbook",
    "result_json",
]
