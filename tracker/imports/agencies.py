"""The partnership's agencies by every name they go by, as the database holds them."""

from __future__ import annotations

from tracker.core.tables import Agency, AgencyShortName
from tracker.imports.proforma import AgencyDirectory, AgencyName


async def agency_directory() -> AgencyDirectory:
    agencies = await Agency.select(Agency.id, Agency.name).order_by(Agency.position)
    short_names = await AgencyShortName.select(AgencyShortName.agency, AgencyShortName.short_name)
    by_agency: dict[int, list[str]] = {}
    for row in short_names:
        by_agency.setdefault(row["agency"], []).append(row["short_name"])
    return AgencyDirectory(
        AgencyName(row["name"], tuple(by_agency.get(row["id"], ()))) for row in agencies
    )
