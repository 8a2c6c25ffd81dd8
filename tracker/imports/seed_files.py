"""The seed description (`imports/strategy.toml`) and the reference sheets it names."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from openpyxl import load_workbook


class SeedFileError(ValueError):
    """A seed file is missing or not as expected; the message says which and why."""


@dataclass(frozen=True)
class SeedFiles:
    name: str
    partnership: str
    period: str
    agencies: Path
    core_components: Path
    glossary: Path
    plans: tuple[Path, ...]
    starts: date | None = None  # the strategy's first day: the day its plans are loaded as at
    ends: date | None = None


@dataclass(frozen=True)
class AgencyRow:
    name: str
    short_names: tuple[str, ...]
    note: str | None


@dataclass(frozen=True)
class CoreComponentRow:
    number: int
    text: str
    theme: str | None


@dataclass(frozen=True)
class GlossaryRow:
    term: str
    meaning: str


def read_seed_files(imports_dir: Path) -> SeedFiles:
    description = imports_dir / "strategy.toml"
    try:
        data = tomllib.loads(description.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise SeedFileError(f"{description} is missing") from None
    except tomllib.TOMLDecodeError as error:
        raise SeedFileError(f"{description} cannot be read: {error}") from None

    def file(key: str) -> Path:
        path = imports_dir / str(data.get(key, ""))
        if not data.get(key) or not path.is_file():
            raise SeedFileError(f"{description}: {key} names no file in {imports_dir}")
        return path

    try:
        return SeedFiles(
            name=str(data["name"]),
            partnership=str(data["partnership"]),
            period=str(data["period"]),
            agencies=file("agencies"),
            core_components=file("core_components"),
            glossary=file("glossary"),
            plans=tuple(imports_dir / name for name in data.get("plans", [])),
            starts=_day(data, "starts", description),
            ends=_day(data, "ends", description),
        )
    except KeyError as missing:
        raise SeedFileError(f"{description} needs a value for {missing}") from None


def _day(data: dict, key: str, description: Path) -> date | None:
    value = data.get(key)
    if value is None:
        return None
    if isinstance(value, date):
        return value
    raise SeedFileError(f"{description}: {key} must be a date like 2020-04-01")


def _table(path: Path, first_header: str) -> list[tuple]:
    """The rows below the header row whose first cell is `first_header`."""
    workbook = load_workbook(path, read_only=True, data_only=True)
    try:
        rows = list(workbook.worksheets[0].iter_rows(values_only=True))
    finally:
        workbook.close()
    for index, row in enumerate(rows):
        if row and str(row[0] or "").strip().lower() == first_header.lower():
            return [r for r in rows[index + 1 :] if r and r[0] not in (None, "")]
    raise SeedFileError(f"{path.name} has no header row starting {first_header!r}")


def _text(value: object) -> str | None:
    text = str(value).strip() if value is not None else ""
    return text or None


def read_agencies(path: Path) -> list[AgencyRow]:
    return [
        AgencyRow(
            name=str(row[0]).strip(),
            short_names=tuple(
                part.strip() for part in (_text(row[1]) or "").split(";") if part.strip()
            ),
            note=_text(row[2]) if len(row) > 2 else None,
        )
        for row in _table(path, "Agency")
    ]


def read_core_components(path: Path) -> list[CoreComponentRow]:
    return [
        CoreComponentRow(int(row[0]), str(row[1]).strip(), _text(row[2]) if len(row) > 2 else None)
        for row in _table(path, "Number")
    ]


def read_glossary(path: Path) -> list[GlossaryRow]:
    return [GlossaryRow(str(row[0]).strip(), str(row[1]).strip()) for row in _table(path, "Term")]
