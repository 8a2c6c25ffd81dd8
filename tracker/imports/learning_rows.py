"""A source of learning's findings and recommendations from a spreadsheet, one row each,
opened by the proformas' reader rules (tracker.imports.proforma.files: .xlsx only, no
password, damage or zip bomb; cells read as text, never run as formulas).

The first sheet's header row names Number and Text columns, and may name Kind (finding or
recommendation; recommendation if empty) and Addressed to (partnership if empty).
"""

from __future__ import annotations

from dataclasses import dataclass

from tracker.core.refusals import InvalidInput
from tracker.imports.proforma.files import open_workbook
from tracker.imports.proforma.text import cell_text
from tracker.learning.rules import ITEM_KINDS, ItemForm, item_problems

MAX_ROWS = 500
NO_HEADER = (
    "No header row naming a Number and a Text column was found on the first sheet: put "
    "Number, Kind, Addressed to and Text in the first row and one item in each row below."
)
_COLUMNS = {"number": "number", "kind": "kind", "addressed to": "addressed_to", "text": "text"}


@dataclass(frozen=True)
class LearningRows:
    items: tuple[ItemForm, ...]
    rows: tuple[int, ...]  # each item's row number in the sheet


def _header(cells: tuple) -> dict[str, int] | None:
    names = [(cell_text(cell) or "").strip().lower() for cell in cells]
    found = {_COLUMNS[name]: index for index, name in enumerate(names) if name in _COLUMNS}
    return found if {"number", "text"} <= set(found) else None


def _cell(cells: tuple, columns: dict[str, int], name: str) -> str:
    index = columns.get(name)
    return (cell_text(cells[index]) if index is not None and index < len(cells) else "") or ""


def _kind(text: str | None) -> str:
    word = (text or "recommendation").strip().lower()
    return word if word in ITEM_KINDS else word or "recommendation"


def read_learning_rows(content: bytes, max_unpacked_bytes: int) -> LearningRows:
    """The items in the sheet; InvalidInput naming each row that is wrong, and nothing read."""
    with open_workbook(content, max_unpacked_bytes) as opened:
        rows = list(opened.workbook.worksheets[0].iter_rows(values_only=True))
    columns = None
    items: list[ItemForm] = []
    numbers: list[int] = []
    problems: dict[str, str] = {}
    for number, cells in enumerate(rows, start=1):
        if columns is None:
            columns = _header(tuple(cells))
            continue

        value = {name: _cell(tuple(cells), columns, name) for name in _COLUMNS.values()}
        if not any(value.values()):
            continue
        form = ItemForm(
            value["number"],
            _kind(value["kind"]),
            value["addressed_to"] or "partnership",
            value["text"],
        )
        for field, message in item_problems(form).items():
            problems[f"row-{number}-{field}"] = f"Row {number}: {message}"
        items.append(form)
        numbers.append(number)
    if columns is None:
        raise InvalidInput({"file": NO_HEADER})
    if not items:
        raise InvalidInput({"file": "The sheet has a header row but no items below it."})
    if len(items) > MAX_ROWS:
        raise InvalidInput({"file": f"At most {MAX_ROWS} items can be imported at once."})
    seen: dict[str, int] = {}
    for form, number in zip(items, numbers, strict=True):
        key = form.number.strip()
        if key and key in seen:
            problems[f"row-{number}-number"] = (
                f"Row {number}: number {key} is also on row {seen[key]}"
            )
        seen.setdefault(key, number)
    if problems:
        raise InvalidInput(problems)
    return LearningRows(tuple(items), tuple(numbers))
