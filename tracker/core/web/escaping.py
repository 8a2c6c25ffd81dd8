"""Escaping for HTML that the tracker writes in Python (table rows, options, rich text).

markupsafe.escape gives the same characters but as a Markup object, and a table row puts
twenty or more values in: making those objects took longer than the escaping. Here the
result is a plain str, for writing into an f-string that is wrapped in Markup once, at the
end. Markup (anything with __html__) is left as it is, as markupsafe leaves it.
tests/web/test_escaping.py checks it gives markupsafe's characters for any text.
"""

from __future__ import annotations

from typing import Any


def escape(value: Any) -> str:
    """`value` as HTML text: & < > " ' escaped as markupsafe.escape escapes them."""
    if type(value) is str:
        text = value
    elif hasattr(value, "__html__"):  # Markup: safe already
        return str(value.__html__())
    else:
        text = str(value)
    if "&" in text:
        text = text.replace("&", "&amp;")
    if "<" in text:
        text = text.replace("<", "&lt;")
    if ">" in text:
        text = text.replace(">", "&gt;")
    if '"' in text:
        text = text.replace('"', "&#34;")
    if "'" in text:
        text = text.replace("'", "&#39;")
    return text
