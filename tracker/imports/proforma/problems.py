"""Errors and warnings found while reading a sheet, each with where it is."""

from __future__ import annotations

from dataclasses import dataclass, field

from tracker.imports.proforma.model import Problem


@dataclass
class ProblemLog:
    sheet: str | None
    errors: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)

    def error(self, message: str, row: int | None = None, column: str | None = None) -> None:
        self.errors.append(Problem(self.sheet, row, column, message))

    def warn(self, message: str, row: int | None = None, column: str | None = None) -> None:
        self.warnings.append(Problem(self.sheet, row, column, message))
