"""Why an import wrote nothing: the refusals it raises, each with its HTTP status and what
the page or the command line shows for it."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from tracker.core.personal_data.check import PossiblePersonalData
from tracker.core.refusals import Conflict, NotFound
from tracker.imports.outcome import ImportOutcome
from tracker.imports.proforma import Problem


class NoStrategy(RuntimeError):
    """Imports need the strategy loaded first (`tracker seed`)."""


class PersonalDataNotConfirmed(PossiblePersonalData):
    """Progress the import would save looks like personal data, unconfirmed: nothing written.

    The texts are not form fields but rows of the spreadsheet: the outcome lists them.
    """

    def __init__(self, outcome: ImportOutcome) -> None:
        super().__init__(
            (),
            "Some progress looks like it identifies a person: check it, then confirm the import.",
        )
        self.outcome = outcome  # as a preview: the texts are among its warnings

    def as_errors(self) -> ImportOutcome:
        """The outcome with the texts as errors, for the command line's report and exit status."""
        found = tuple(text.problem for text in self.outcome.personal_data)
        workbook = replace(
            self.outcome.workbook,
            errors=self.outcome.workbook.errors + found,
            warnings=tuple(w for w in self.outcome.workbook.warnings if w not in found),
        )
        result = {
            **self.outcome.result,
            "errors": self.outcome.result["errors"] + [_problem_json(p) for p in found],
            "warnings": [
                w for w in self.outcome.result["warnings"] if w not in map(_problem_json, found)
            ],
        }
        return replace(self.outcome, workbook=workbook, result=result)


def _problem_json(problem: Problem) -> dict[str, Any]:
    return {
        "sheet": problem.sheet,
        "row": problem.row,
        "column": problem.column,
        "message": problem.message,
    }


class UploadAlreadyImported(NotFound):
    """Another confirmation of the same staged upload got there first."""

    def __init__(self) -> None:
        super().__init__("This upload has expired or was already imported: upload it again.")


class PreviewOutdated(Conflict):
    """The tracker changed between a preview and its confirmation: nothing was written."""

    def __init__(self, outcome: ImportOutcome) -> None:
        super().__init__("The tracker changed since this file was previewed.")
        self.outcome = outcome
