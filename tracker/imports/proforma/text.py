"""A cell's text as the tracker keeps it: trimmed, line breaks kept, and
HTML-ish list markup pasted from documents turned into plain lines."""

from __future__ import annotations

import datetime
import html
import re

_LIST_TAG = re.compile(r"<\s*/?\s*(?:ul|ol|li)\b[^>]*>", re.IGNORECASE)
_TAG = re.compile(r"<\s*(/?)\s*(ul|ol|li|br|p)\b[^>]*?/?\s*>", re.IGNORECASE)
_OWN_BULLET = re.compile(r"^(?:- |•)")


def cell_text(value: object) -> str | None:
    """The text of a cell value, or None for a blank cell. Dates are written
    YYYY-MM-DD; a string is kept as written (one starting with "=" is text,
    never a formula)."""
    if value is None:
        return None
    if isinstance(value, str):
        return clean_text(value)
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, datetime.datetime):
        if value.time() == datetime.time():
            return value.date().isoformat()
        return value.isoformat(sep=" ", timespec="minutes")
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, datetime.time):
        return value.isoformat(timespec="minutes")
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return clean_text(str(value))


def clean_text(text: str) -> str | None:
    """Trimmed text with its line breaks and bullets kept; None if blank."""
    if "\n" not in text and "\r" not in text and "<" not in text:
        return text.strip() or None  # most cells: one line, no markup
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if _LIST_TAG.search(text):
        text = _list_markup_as_lines(text)
    lines = [line.rstrip() for line in text.split("\n")]
    cleaned = "\n".join(lines).strip()
    return cleaned or None


def _list_markup_as_lines(text: str) -> str:
    """`<ul><li>a</li><li>b</li></ul>` as the lines "- a" and "- b"; text
    before the list stays as the first line, and blank lines between tags go."""
    lines: list[str] = []
    item: list[str] | None = None

    def add_text(chunk: str) -> None:
        chunk = html.unescape(chunk)
        if item is not None:
            item.append(chunk)
        else:
            lines.extend(line.strip() for line in chunk.split("\n") if line.strip())

    def end_item() -> None:
        nonlocal item
        if item is not None:
            words = " ".join(" ".join(item).split())
            if words:
                lines.append(words if _OWN_BULLET.match(words) else f"- {words}")
            item = None

    position = 0
    for tag in _TAG.finditer(text):
        add_text(text[position : tag.start()])
        position = tag.end()
        closing, name = tag.group(1), tag.group(2).lower()
        if name == "li" and not closing:
            end_item()
            item = []
        elif name in ("li", "ul", "ol"):
            end_item()
        elif item is not None:  # <br> or <p> inside an item: one line per item
            item.append(" ")
    add_text(text[position:])
    end_item()
    return "\n".join(line for line in lines if line)
