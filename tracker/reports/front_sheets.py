"""The front sheets the business unit writes for a quarter's papers: read, and saved with audit.

One per quarter and audience. Saved as key messages are (tracker.reports.messages):
only by the business unit, all or nothing, through the personal-data guard.
"""

from __future__ import annotations

from typing import Any

from tracker.audit.kinds import AuditKind
from tracker.audit.trail import append
from tracker.core import clock
from tracker.core.closed import refuse_if_closed, refuse_if_quarter_closed
from tracker.core.dates import Quarter
from tracker.core.people import Person
from tracker.core.personal_data.check import guard
from tracker.core.personal_data.flags import record_flags
from tracker.core.refusals import InvalidInput, NotAllowed
from tracker.core.roles import Role
from tracker.core.tables import ReportFrontSheet
from tracker.core.transactions import write_transaction
from tracker.reports.model import Audience, FrontSheet, Marking
from tracker.reports.rules import (
    FRONT_TEXTS,
    FrontSheetForm,
    blank_front_sheet,
    front_sheet_problems,
)


def _sheet(row: dict[str, Any]) -> FrontSheet:
    return FrontSheet(
        meeting=row["meeting"],
        meeting_date=row["meeting_date"],
        marking=Marking(row["marking"]),
        purpose=row["purpose"],
        summary=row["summary"],
        recommendations=row["recommendations"],
    )


def _values(sheet: FrontSheet) -> dict[str, Any]:
    """As the audit trail keeps them."""
    return {
        "meeting": sheet.meeting,
        "meeting_date": sheet.meeting_date,
        "marking": sheet.marking.value,
        "purpose": sheet.purpose,
        "summary": sheet.summary,
        "recommendations": sheet.recommendations,
    }


async def front_sheets(quarter: Quarter, *, strategy_id: int | None) -> dict[Audience, FrontSheet]:
    """Both audiences' front sheets for the quarter, blank where none is written: one query."""
    rows = await ReportFrontSheet.select().where(
        (ReportFrontSheet.quarter == quarter.slug) & (ReportFrontSheet.strategy == strategy_id)
    )
    written = {row["audience"]: _sheet(row) for row in rows}
    return {
        audience: written.get(audience.value, blank_front_sheet(audience)) for audience in Audience
    }


async def save_front_sheet(
    quarter: Quarter,
    audience: Audience,
    form: FrontSheetForm,
    *,
    person: Person,
    strategy_id: int | None,
    confirmed: bool = False,
    client: str = "",
) -> FrontSheet:
    """Replace the front sheet; InvalidInput, or PossiblePersonalData if unconfirmed."""
    if person.role is not Role.BUSINESS_UNIT:
        raise NotAllowed("Only the business unit writes the reports' front sheets.")
    sheet, problems = front_sheet_problems(form)
    if sheet is None:
        raise InvalidInput(problems)
    flagged = guard(
        {name: (label, getattr(sheet, name)) for name, label, _ in FRONT_TEXTS},
        confirmed=confirmed,
    )
    subject = f"{audience.label} front sheet, {quarter.label}"
    async with write_transaction(ReportFrontSheet._meta.db):
        await refuse_if_quarter_closed(quarter)
        await refuse_if_closed(strategy_id=strategy_id)  # the chosen one's, closed
        row = (
            await ReportFrontSheet.select()
            .where(
                (ReportFrontSheet.quarter == quarter.slug)
                & (ReportFrontSheet.strategy == strategy_id)
                & (ReportFrontSheet.audience == audience.value)
            )
            .first()
        )
        values = _values(sheet) | {"written_by": person.email, "written_at": clock.now()}
        if row is None:
            created = await ReportFrontSheet.insert(
                ReportFrontSheet(
                    quarter=quarter.slug, audience=audience.value, strategy=strategy_id, **values
                )
            )
            sheet_id = int(created[0]["id"])
        else:
            sheet_id = int(row["id"])
            await ReportFrontSheet.update(
                {getattr(ReportFrontSheet, name): value for name, value in values.items()}
            ).where(ReportFrontSheet.id == sheet_id)
        await record_flags(
            flagged,
            record_table="report_front_sheet",
            record_id=sheet_id,
            confirmed_by=person.email,
            subject=subject,
        )
        await append(
            AuditKind.REPORT_FRONT_SHEET_SAVED,
            person.email,
            subject=subject,
            summary=f"Front sheet of the {quarter.label} {audience.label} report saved",
            before=_values(_sheet(row)) if row else {},
            after=_values(sheet),
            client=client,
        )
    return sheet
