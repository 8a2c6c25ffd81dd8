"""The proforma reader: an agency's action-plan spreadsheet (.xlsx) read as
plans, each with its objectives and actions, plus errors and warnings."""

from tracker.proforma.agencies import AgencyDirectory, AgencyName
from tracker.proforma.model import ParsedAction, ParsedPlan, ParsedWorkbook, PlanKind, Problem
from tracker.proforma.result import result_json
from tracker.proforma.workbook import UnreadableFile, read_workbook

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
