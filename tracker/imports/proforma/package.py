"""Where things are inside an .xlsx package: the workbook part, each sheet's
part and the styles, found through the package's relationships (as Excel
does) rather than assumed."""

from __future__ import annotations

import posixpath
import zipfile

from tracker.imports.proforma.safe_xml import local_name, parse_xml

_OFFICE_DOCUMENT = "officeDocument"


def sheet_and_styles_parts(archive: zipfile.ZipFile) -> tuple[dict[str, str], str]:
    """The part holding each sheet, by sheet name, and the styles part."""
    workbook_part = _workbook_part(archive)
    folder, name = posixpath.split(workbook_part)
    relationships = _relationships(archive, posixpath.join(folder, "_rels", name + ".rels"), folder)
    styles = next(
        (target for target, kind in relationships.values() if kind.endswith("/styles")),
        posixpath.join(folder, "styles.xml"),
    )
    sheets: dict[str, str] = {}
    for element in parse_xml(archive.read(workbook_part)).iter():
        if local_name(element) != "sheet":
            continue
        rel_id = next(
            (value for key, value in element.attrib.items() if key.rpartition("}")[2] == "id"), None
        )
        if rel_id in relationships and element.get("name") is not None:
            sheets[element.get("name", "")] = relationships[rel_id][0]
    return sheets, styles


def _workbook_part(archive: zipfile.ZipFile) -> str:
    for target, kind in _relationships(archive, "_rels/.rels", "").values():
        if kind.endswith("/" + _OFFICE_DOCUMENT):
            return target
    return "xl/workbook.xml"


def _relationships(archive: zipfile.ZipFile, part: str, folder: str) -> dict[str, tuple[str, str]]:
    """Relationship id -> (target part, type) of a .rels part, or {} if there is none."""
    if part not in archive.NameToInfo:
        return {}
    found = {}
    for element in parse_xml(archive.read(part)):
        target = element.get("Target", "")
        if element.get("TargetMode") == "External" or not target:
            continue
        if target.startswith("/"):
            path = target.lstrip("/")
        else:
            path = posixpath.normpath(posixpath.join(folder, target))
        found[element.get("Id", "")] = (path, element.get("Type", ""))
    return found
