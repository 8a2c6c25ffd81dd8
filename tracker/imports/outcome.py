"""What an import did, or would do: the outcome a page and the command line report, its
exit status, and how it is built (with no database) from the file read and the changes
found."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from functools import cached_property
from typing import Any

from tracker.imports.backward import backward_warnings, date_warnings
from tracker.imports.changes import PlanChanges, fingerprint, summary
from tracker.imports.personal_data import ImportedText, flagged_imports
from tracker.imports.proforma import ParsedWorkbook, Problem, result_json
from tracker.imports.risks import Risk, older_text_warnings
from tracker.proformas.rules import read_about

EXIT_OK, EXIT_ERRORS, EXIT_UNREADABLE, EXIT_DATABASE = 0, 1, 2, 3


@dataclass(frozen=True)
class ImportOutcome:
    workbook: ParsedWorkbook
    changes: tuple[PlanChanges, ...]
    result: dict[str, Any]
    import_id: int | None  # the import's record, when it was written
    # Progress it would save (or saved, confirmed) that looks like it identifies a person.
    personal_data: tuple[ImportedText, ...] = ()
    as_at: date | None = None  # the day its updates are dated
    risks: tuple[Risk, ...] = ()  # rows that would move an action backwards: may be skipped

    @property
    def proforma(self) -> bool:
        """Whether the file is a tracker proforma (its quarter decided `as_at`)."""
        return read_about(dict(self.workbook.properties)) is not None

    @cached_property
    def fingerprint(self) -> str:
        """What a preview shows, to confirm against: see changes.fingerprint."""
        return fingerprint(self.changes)

    @property
    def exit_status(self) -> int:
        return EXIT_ERRORS if self.workbook.errors else EXIT_OK


def _not_in_return(changes: tuple[PlanChanges, ...]) -> tuple[Problem, ...]:
    """Actions the tracker has that a later return leaves out: kept, and said."""
    return tuple(
        Problem(
            sheet=plan.plan.sheet,
            row=None,
            column=None,
            message=(
                f"Action {action.ref} of {plan.plan.plan} is not in this return: it is kept "
                "as it was; decide whether it is complete or should be closed."
            ),
        )
        for plan in changes
        for action in plan.missing
    )


def outcome_of(
    file_name: str,
    workbook: ParsedWorkbook,
    changes: tuple[PlanChanges, ...],
    *,
    dry_run: bool,
    import_id: int | None,
    as_at: date | None = None,
    risks: tuple[Risk, ...] = (),
) -> ImportOutcome:
    personal_data = flagged_imports(changes)
    warnings = (
        tuple(text.problem for text in personal_data)
        + _not_in_return(changes)
        + (date_warnings(file_name, as_at) if as_at else ())
        + backward_warnings(changes)
        + older_text_warnings(risks)
    )
    reported = replace(workbook, warnings=workbook.warnings + warnings)
    result = result_json(file_name, reported, summary=summary(list(changes)), dry_run=dry_run)
    outcome = ImportOutcome(reported, changes, result, import_id, personal_data, as_at, risks)
    outcome.fingerprint  # noqa: B018 - worked out here, in the caller's thread, and kept
    return outcome
