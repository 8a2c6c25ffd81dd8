"""Which plan a sheet is: the overarching plan, an agency's own plan, or an
agency's additional actions; told by the importer's choice, an "Agency:"
title cell, a title or sheet name naming an agency, or an overarching title."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from tracker.imports.proforma.agencies import AgencyDirectory, AgencyName
from tracker.imports.proforma.model import PlanKind

OVERARCHING_PLAN = "Overarching"

_AGENCY_LABEL = re.compile(
    r"^(?:agency|organisation|organization)(?:\s+name)?\s*(?::|$)\s*", re.IGNORECASE
)
_OVERARCHING = re.compile(r"\boverarching\b|\bappendix\s*1\b", re.IGNORECASE)
_ADDITIONAL = re.compile(r"\badditional\s+actions?\b", re.IGNORECASE)

TitleRow = tuple[int, Sequence[str | None]]  # (sheet row, cell texts) above the header


class NoPlan(Exception):
    """The sheet says no plan, or names an agency the partnership does not have."""

    def __init__(self, message: str, row: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.row = row


@dataclass(frozen=True)
class PlanChoice:
    kind: PlanKind
    agency: AgencyName | None = None

    @property
    def name(self) -> str:
        if self.agency is None:
            return OVERARCHING_PLAN
        if self.kind is PlanKind.ADDITIONAL:
            return f"{self.agency.name} (additional actions)"
        return self.agency.name


@dataclass(frozen=True)
class PlanOverride:
    """What the importer chose (--agency, --plan); None where they did not say."""

    kind: PlanKind | None = None
    agency: AgencyName | None = None


def read_override(agency: str | None, plan: str | None, directory: AgencyDirectory) -> PlanOverride:
    """The importer's choice of agency and plan; NoPlan where it names no
    agency of the partnership or contradicts itself."""
    chosen = None
    if agency and agency.strip():
        chosen = directory.find(agency)
        if chosen is None:
            raise NoPlan(
                f"'{agency.strip()}' is not one of the partnership's agencies: "
                "give its name or short name as in Appendix 5."
            )
    if not plan or not plan.strip():
        return PlanOverride(None, chosen)
    if _OVERARCHING.search(plan):
        if chosen is not None:
            raise NoPlan(
                "The overarching plan belongs to no agency: choose the agency or "
                "the overarching plan, not both."
            )
        return PlanOverride(PlanKind.OVERARCHING)
    named = directory.find(plan) or directory.find_in(plan)
    if chosen is not None and named is not None and named != chosen:
        raise NoPlan(f"The plan '{plan.strip()}' is not a plan of {chosen.name}.")
    kind = PlanKind.ADDITIONAL if _ADDITIONAL.search(plan) else PlanKind.AGENCY
    if named is None and chosen is None and kind is PlanKind.AGENCY:
        raise NoPlan(
            f"'{plan.strip()}' is not a plan the tracker knows: give 'Overarching', "
            "an agency's name, or the agency's name with '(additional actions)'."
        )
    return PlanOverride(kind, chosen or named)


def choose_plan(
    sheet_name: str,
    titles: Sequence[TitleRow],
    directory: AgencyDirectory,
    override: PlanOverride = PlanOverride(),
) -> PlanChoice:
    """The plan a sheet with a header row holds; NoPlan if it cannot be told."""
    title_texts = [text for _, cells in titles for text in cells if text]
    additional = any(_ADDITIONAL.search(text) for text in [*title_texts, sheet_name])
    if override.kind is PlanKind.OVERARCHING:
        return PlanChoice(PlanKind.OVERARCHING)
    kind = override.kind or (PlanKind.ADDITIONAL if additional else PlanKind.AGENCY)
    if override.agency is not None:
        return PlanChoice(kind, override.agency)

    labelled, empty_label_row = _agency_cell(titles, directory)
    agency = labelled or _first_named(title_texts, directory) or directory.find_in(sheet_name)
    if agency is not None:
        return PlanChoice(kind, agency)
    if empty_label_row is not None:
        raise NoPlan(
            "The 'Agency:' cell is empty, so the tracker cannot tell whose plan this "
            "is: write the agency's name after 'Agency:', or choose the agency when "
            "importing.",
            empty_label_row,
        )
    if kind is PlanKind.ADDITIONAL:
        raise NoPlan(
            "This sheet holds additional actions but does not say whose: write "
            "'Agency: <name>' above the header row, or choose the agency when importing."
        )
    if any(_OVERARCHING.search(text) for text in [*title_texts, sheet_name]):
        return PlanChoice(PlanKind.OVERARCHING)
    raise NoPlan(
        "The tracker cannot tell whose plan this sheet is: write 'Agency: <name>' "
        "above the header row, name the sheet after the agency, or choose the agency "
        "when importing."
    )


def _agency_cell(
    titles: Sequence[TitleRow], directory: AgencyDirectory
) -> tuple[AgencyName | None, int | None]:
    """The agency an "Agency: <name>" title cell names (the name may be in
    the next cell), or the row of an empty one."""
    empty_row = None
    for row, cells in titles:
        for index, text in enumerate(cells):
            label = _AGENCY_LABEL.match(text or "")
            if not label:
                continue
            name = text[label.end() :].strip() if text else ""
            if not name:
                name = next((later for later in cells[index + 1 :] if later), "")
            if not name:
                empty_row = row if empty_row is None else empty_row
                continue
            agency = directory.find(name) or directory.find_in(name)
            if agency is None:
                raise NoPlan(
                    f"'{name}' (after 'Agency:') is not one of the partnership's "
                    "agencies: write its name or short name as in Appendix 5.",
                    row,
                )
            return agency, None
    return None, empty_row


def _first_named(texts: Sequence[str], directory: AgencyDirectory) -> AgencyName | None:
    for text in texts:
        agency = directory.find_in(text)
        if agency is not None:
            return agency
    return None
