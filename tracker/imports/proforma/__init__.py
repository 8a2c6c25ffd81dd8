"""The proforma reader: an agency's action-plan spreadsheet (.xlsx) read as
plans, each with its objectives and actions, plus errors and warnings."""

from tracker.imports.proforma.agencies import AgencyDirectory, AgencyName
from tracker.imports.proforma.model import (
    ParsedAction,
    ParsedPlan,
    ParsedWorkbook,
    PlanKind,
    Problem,
)
from tracker.imports.proforma.result import result_json
from tracker.imports.proforma.workbook import UnreadableFile, read_workbook

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
