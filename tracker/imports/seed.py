"""Loading the strategy from `imports/` on a first start. Running it again changes nothing."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from piccolo.table import Table

from tracker.core.tables import (
    Agency,
    AgencyShortName,
    CoreComponent,
    GlossaryTerm,
    PlanKind,
    Strategy,
)
from tracker.core.transactions import write_transaction
from tracker.imports.apply import ensure_plan
from tracker.imports.existing import plan_ids_by_name
from tracker.imports.outcome import ImportOutcome
from tracker.imports.seed_files import (
    read_agencies,
    read_core_components,
    read_glossary,
    read_seed_files,
)
from tracker.imports.service import import_workbook
from tracker.learning.seed import seed_learning

SEED_USER = "tracker seed"


class SeedImportFailed(RuntimeError):
    pass


@dataclass
class SeedReport:
    created: Counter[str] = field(default_factory=Counter)
    updated: Counter[str] = field(default_factory=Counter)

    @property
    def changed(self) -> bool:
        return bool(+self.created or +self.updated)

    def lines(self) -> list[str]:
        if not self.changed:
            return ["Nothing changed: the strategy in imports/ is already loaded."]
        return [
            f"{what}: {self.created[what]} created, {self.updated[what]} updated"
            for what in sorted(set(self.created) | set(self.updated))
            if self.created[what] or self.updated[what]
        ]


async def _upsert(table: type[Table], key: str, values: dict, report: SeedReport, what: str) -> int:
    """Create the row keyed by `key`, or bring its other values up to date."""
    key_column = table._meta.get_column_by_name(key)
    found = await table.select().where(key_column == values[key]).first()
    if found is None:
        created = await table.insert(table(**values))
        report.created[what] += 1
        return created[0]["id"]
    changed = {name: value for name, value in values.items() if found[name] != value}
    if changed:
        await table.update(changed).where(table._meta.primary_key == found["id"])
        report.updated[what] += 1
    return found["id"]


async def _seed_reference_data(imports_dir: Path, report: SeedReport) -> int:
    files = read_seed_files(imports_dir)
    strategy_id = await _upsert(
        Strategy,
        "name",
        {
            "name": files.name,
            "partnership": files.partnership,
            "period": files.period,
            "starts": files.starts,
            "ends": files.ends,
        },
        report,
        "strategy",
    )
    for position, row in enumerate(read_agencies(files.agencies)):
        agency_id = await _upsert(
            Agency,
            "name",
            {"name": row.name, "note": row.note, "position": position},
            report,
            "agencies",
        )
        for short_name in row.short_names:
            await _upsert(
                AgencyShortName,
                "short_name",
                {"short_name": short_name, "agency": agency_id},
                report,
                "agency short names",
            )
        _, created = await ensure_plan(strategy_id, row.name, PlanKind.AGENCY.value, agency_id)
        report.created["agency plans"] += created
    for component in read_core_components(files.core_components):
        await _upsert(
            CoreComponent,
            "number",
            {"number": component.number, "text": component.text, "theme": component.theme},
            report,
            "core components",
        )
    for term in read_glossary(files.glossary):
        await _upsert(
            GlossaryTerm,
            "term",
            {"term": term.term, "meaning": term.meaning},
            report,
            "glossary terms",
        )
    return strategy_id


def _refuse_errors(path: Path, outcome: ImportOutcome) -> None:
    if outcome.workbook.errors:
        problems = "; ".join(error.message for error in outcome.workbook.errors)
        raise SeedImportFailed(f"{path.name} cannot be loaded: {problems}")


async def _already_loaded(path: Path, as_at: date, strategy_id: int) -> bool:
    """Whether every plan in the file is in the seeded strategy and importing it would change
    nothing."""
    outcome = await import_workbook(
        path,
        file_name=path.name,
        as_at=as_at,
        recorded_by=SEED_USER,
        dry_run=True,
        strategy_id=strategy_id,
    )
    _refuse_errors(path, outcome)
    known = await plan_ids_by_name(strategy_id)
    summary = outcome.result["summary"]
    return (
        all(plan.plan.plan in known for plan in outcome.changes)
        and summary["created"] == 0
        and summary["updated"] == 0
    )


async def seed(imports_dir: Path, *, as_at: date) -> SeedReport:
    """Load strategy, agencies, components, glossary and plans, all in one transaction."""
    report = SeedReport()
    async with write_transaction(Strategy._meta.db):
        strategy_id = await _seed_reference_data(imports_dir, report)
        for path in read_seed_files(imports_dir).plans:
            # Looked at first: a plan already loaded as the file has it records no import
            # and no audit entry, so seeding again leaves the database exactly as it was.
            if await _already_loaded(path, as_at, strategy_id):
                continue
            # The shipped plans are service-level text, checked to hold no personal data
            # (tests/seeding); any confirmed text would still be flagged for review.
            outcome = await import_workbook(
                path,
                file_name=path.name,
                as_at=as_at,
                recorded_by=SEED_USER,
                personal_data_confirmed=True,
                # The strategy's own plans, not an agency's return for a quarter.
                fills_return=False,
                strategy_id=strategy_id,
            )
            _refuse_errors(path, outcome)
            summary = outcome.result["summary"]
            report.created["actions"] += summary["created"]
            report.updated["actions"] += summary["updated"]
        await seed_learning(imports_dir, report.created, report.updated)
    return report
