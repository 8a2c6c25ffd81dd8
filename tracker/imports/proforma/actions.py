"""Turning a sheet's rows below the header into actions: each objective
carried down to its actions, refs read or numbered, and a row with text but
no action folded into the action above it."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import Any

from tracker.imports.proforma.cells import SheetRow
from tracker.imports.proforma.colours import Palette, fill_colour
from tracker.imports.proforma.headers import Field, HeaderRow
from tracker.imports.proforma.model import ParsedAction
from tracker.imports.proforma.problems import ProblemLog
from tracker.imports.proforma.rag import rag_from_colour, rag_from_text
from tracker.imports.proforma.refs import RefNumbering, split_action_ref, split_objective_ref
from tracker.imports.proforma.text import cell_text
from tracker.imports.proforma.timescale import read_timescale

# Where the RAG is read from, in order of preference; the others are progress.
_RAG_SOURCES = (Field.RAG, Field.RAG_PROGRESS, Field.PROGRESS)
_FOLDED = (
    Field.DUE,
    Field.INPUT,
    Field.DESIRED_OUTCOME,
    Field.LEAD,
    Field.TIMESCALE,
    *_RAG_SOURCES,
    Field.IMPACT,
)


# The action fields each column gives (a time-scale gives its due date and recurrence).
_GIVES = {
    Field.OBJECTIVE: ("objective",),
    Field.INPUT: ("input",),
    Field.DESIRED_OUTCOME: ("desired_outcome",),
    Field.LEAD: ("lead",),
    Field.TIMESCALE: ("timeframe", "due", "recurring"),
    Field.DUE: ("due",),
}
_NOT_RATED = "not rated"  # the tracker's own word for no RAG, in its downloads


@dataclass(frozen=True)
class _Objective:
    ref: str
    text: str
    written: str | None  # the cell as written; None where the sheet gives no objective
    row: int


@dataclass
class _Draft:
    row: int
    objective: _Objective
    ref: str
    action: str
    texts: dict[Field, str] = field(default_factory=dict)
    rag_cell: Any = None


class ActionRows:
    """Collects the actions of one sheet, row by row."""

    def __init__(self, header: HeaderRow, palette: Palette, problems: ProblemLog) -> None:
        self._header = header
        self._palette = palette
        self._problems = problems
        self._columns = [(field, column.index) for field, column in header.columns.items()]
        self._rag_source = next((f for f in _RAG_SOURCES if f in header.columns), None)
        self._numbering = RefNumbering()
        self._objective: _Objective | None = None
        self._drafts: list[_Draft] = []

    @property
    def progress_column(self) -> str | None:
        """The header(s) progress is read from, as written: "RAG/Progress", or "RAG, Progress"."""
        headers = [self._header.header(f) for f in _RAG_SOURCES if f in self._header.columns]
        return ", ".join(header for header in headers if header) or None

    @property
    def fields_given(self) -> frozenset[str]:
        """The action fields this sheet has columns for (tracker.imports.changes names)."""
        given = {"action"}
        for field_, names in _GIVES.items():
            if field_ in self._header.columns:
                given.update(names)
        return frozenset(given)

    def add(self, row: SheetRow) -> None:
        texts: dict[Field, str] = {}
        fresh: set[Field] = set()  # written in this row, not merged down from above
        for field_, index in self._columns:
            text = cell_text(row.value(index))
            if text is not None:
                texts[field_] = text
                if index not in row.copied:
                    fresh.add(field_)
        if not fresh:
            return  # blank, only formatting, or only cells merged down from above
        new_objective = self._start_objective(texts.get(Field.OBJECTIVE), row.number)
        if Field.ACTION in fresh:
            self._start_action(row, texts)
        elif new_objective:
            self._ignore_objective_row_extras(row, fresh)
        else:
            self._fold(row, texts, fresh)

    def finish(self) -> tuple[ParsedAction, ...]:
        self._check_objective_has_actions()
        self._check_refs_unique()
        return tuple(self._parsed(draft) for draft in self._drafts)

    def _start_objective(self, written: str | None, row: int) -> bool:
        if written is None or (self._objective and written == self._objective.written):
            return False
        self._check_objective_has_actions()
        ref, text = split_objective_ref(written)
        self._objective = _Objective(self._numbering.objective_ref(ref), text, written, row)
        return True

    def _check_objective_has_actions(self) -> None:
        """An objective with no actions has nothing to import: say so, as it is lost."""
        objective = self._objective
        if objective is None or objective.written is None:
            return
        if not self._drafts or self._drafts[-1].objective is not objective:
            self._problems.warn(
                "This objective has no actions below it, so it was not imported.",
                objective.row,
                self._header.header(Field.OBJECTIVE),
            )

    def _start_action(self, row: SheetRow, texts: dict[Field, str]) -> None:
        objective = self._objective
        written = texts[Field.ACTION]
        if objective is None or objective.written is None:
            objective = self._unwritten_objective(row, written, objective)
        ref, action = split_action_ref(written, objective.ref)
        given = texts.get(Field.REF)
        if given is not None:  # a Ref column: the action's text is all action
            ref, action = given, written
        draft = _Draft(
            row.number,
            objective,
            self._numbering.action_ref(objective.ref, ref),
            action.strip() or written,
        )
        draft.texts = {f: texts[f] for f in _FOLDED if f in texts}
        if self._rag_source is not None:
            draft.rag_cell = row.cell(self._header.columns[self._rag_source].index)
        self._drafts.append(draft)

    def _unwritten_objective(
        self, row: SheetRow, action: str, current: _Objective | None
    ) -> _Objective:
        """The objective of an action with none written above it: numbered from
        the action's own ref where it has one ("2.1" is under objective 2)."""
        ref, _ = split_action_ref(action, "")
        prefix = ref.partition(".")[0] if ref and not ref.startswith(".") else None
        if current is not None and (prefix is None or prefix == current.ref):
            return current
        if current is None and Field.OBJECTIVE in self._header.columns:
            self._problems.warn(
                "This action has no objective above it.",
                row.number,
                self._header.header(Field.OBJECTIVE),
            )
        self._objective = _Objective(self._numbering.objective_ref(prefix), "", None, row.number)
        return self._objective

    def _ignore_objective_row_extras(self, row: SheetRow, fresh: set[Field]) -> None:
        extras = [self._header.header(f) for f in _FOLDED if f in fresh]
        if extras:
            names = ", ".join(f"'{name}'" for name in extras)
            self._problems.warn(
                f"This row has an objective but no action, so its {names} text was not imported.",
                row.number,
                self._header.header(Field.ACTION),
            )

    def _fold(self, row: SheetRow, texts: dict[Field, str], fresh: set[Field]) -> None:
        """Add a row with text but no action to the action above, cell by cell."""
        above = self._drafts[-1] if self._drafts else None
        action_header = self._header.header(Field.ACTION)
        if above is None or above.objective is not self._objective:
            self._problems.error(
                "This row has text but no action: write the action in the "
                f"'{action_header}' column.",
                row.number,
                action_header,
            )
            return
        for field_ in _FOLDED:
            if field_ in fresh:
                earlier = above.texts.get(field_)
                above.texts[field_] = f"{earlier}\n{texts[field_]}" if earlier else texts[field_]
        self._problems.warn(
            f"This row has no action, so its text was added to the action above (row {above.row}).",
            row.number,
            action_header,
        )

    def _check_refs_unique(self) -> None:
        first_row: dict[str, int] = {}
        for draft in self._drafts:
            if draft.ref in first_row:
                self._problems.error(
                    f"The action ref {draft.ref} is used twice (rows {first_row[draft.ref]} "
                    f"and {draft.row}): give each action its own number.",
                    draft.row,
                    self._header.header(Field.ACTION),
                )
            else:
                first_row[draft.ref] = draft.row

    def _parsed(self, draft: _Draft) -> ParsedAction:
        texts = draft.texts
        timeframe = texts.get(Field.TIMESCALE)
        timescale = read_timescale(timeframe)
        if not timescale.understood:
            self._problems.warn(
                f"cannot read '{timeframe}' as a date, so the action has no due date",
                draft.row,
                self._header.header(Field.TIMESCALE),
            )
        rag, progress = self._rag_and_progress(draft)
        due = timescale.due
        if Field.DUE in self._header.columns:  # its own column says the due date
            due = _iso_date(texts.get(Field.DUE))
        return ParsedAction(
            row=draft.row,
            objective_ref=draft.objective.ref,
            objective=draft.objective.text,
            ref=draft.ref,
            action=draft.action,
            input=texts.get(Field.INPUT),
            desired_outcome=texts.get(Field.DESIRED_OUTCOME),
            lead=texts.get(Field.LEAD),
            timeframe=timeframe,
            due=due,
            recurring=timescale.recurring,
            rag=rag,
            progress=progress,
            impact=texts.get(Field.IMPACT),
        )

    def _rag_and_progress(self, draft: _Draft) -> tuple[str | None, str | None]:
        if self._rag_source is None:
            return None, None
        written = draft.texts.get(self._rag_source)
        if self._rag_source is Field.RAG and written and written.casefold() == _NOT_RATED:
            written = None
        rag, rest = rag_from_text(written)
        if rag is None and draft.rag_cell is not None:
            rag = rag_from_colour(fill_colour(draft.rag_cell.fill, self._palette))
        others = [draft.texts.get(f) for f in _RAG_SOURCES if f != self._rag_source]
        progress = "\n".join(text for text in (rest, *others) if text)
        return rag, progress or None


def _iso_date(text: str | None) -> datetime.date | None:
    """A due-date cell's day (a date cell reads as YYYY-MM-DD); None where it is none."""
    if not text:
        return None
    try:
        return datetime.date.fromisoformat(text[:10])
    except ValueError:
        return read_timescale(text).due
