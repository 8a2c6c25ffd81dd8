"""Parsing a workbook's own XML parts, which come from outside: with
defusedxml where it is installed (as openpyxl itself does)."""

from __future__ import annotations

from xml.etree.ElementTree import Element

try:
    from defusedxml.ElementTree import fromstring as _fromstring
except ImportError:  # pragma: no cover - defusedxml is optional
    from xml.etree.ElementTree import fromstring as _fromstring


def parse_xml(data: bytes) -> Element:
    return _fromstring(data)  # noqa: S314 - defusedxml's where it is installed


def local_name(element: Element) -> str:
    """The tag without its namespace: "sheet" for "{...main}sheet"."""
    return element.tag.rpartition("}")[2]
