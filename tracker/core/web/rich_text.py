"""Showing plan text as the appendices wrote it: paragraphs, bullet lists, abbreviations.

Everything is escaped first; only the markup made here is trusted.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache

from markupsafe import Markup

from tracker.core.web.escaping import escape

_BULLET = re.compile(r"^\s*(?:[-•*–]|\u2022)\s+")


@dataclass(frozen=True)
class Block:
    kind: str  # "paragraph" or "list"
    lines: tuple[str, ...]


def blocks(text: str | None) -> list[Block]:
    """Split text into paragraphs and bullet lists (lines starting '- ', '• ', '* ')."""
    found: list[Block] = []
    for line in (text or "").splitlines():
        stripped = line.strip()
        if not stripped:
            continue
        if _BULLET.match(stripped):
            item = _BULLET.sub("", stripped)
            if found and found[-1].kind == "list":
                found[-1] = Block("list", (*found[-1].lines, item))
            else:
                found.append(Block("list", (item,)))
        else:
            found.append(Block("paragraph", (stripped,)))
    return found


def abbreviation_pattern(terms: Iterable[str]) -> re.Pattern[str] | None:
    ordered = sorted({term for term in terms if term}, key=len, reverse=True)
    if not ordered:
        return None
    alternatives = "|".join(re.escape(str(escape(term))) for term in ordered)
    return re.compile(rf"(?<![A-Za-z0-9])({alternatives})(?![A-Za-z0-9])")


@lru_cache(maxsize=16)
def _compiled(
    glossary: tuple[tuple[str, str], ...],
) -> tuple[re.Pattern[str] | None, dict[str, str]]:
    """The pattern and the escaped terms' meanings: built once for a glossary, not for
    each of the hundreds of texts on a page (about 10 ms a page of 50 actions)."""
    pattern = abbreviation_pattern(term for term, _ in glossary)
    return pattern, {str(escape(term)): meaning for term, meaning in glossary}


# The glossary last asked for and its pattern: a page passes the same one (its context's)
# for each of its hundreds of texts, and making the key of _compiled's cache took longer
# than the rest of the work. Held, so its identity is never another's; replaced whole.
_last: tuple[Mapping[str, str], int, tuple[re.Pattern[str] | None, dict[str, str]]] | None = None


def _compiled_for(
    glossary: Mapping[str, str],
) -> tuple[re.Pattern[str] | None, dict[str, str]]:
    global _last
    last = _last
    if last is not None and last[0] is glossary and last[1] == len(glossary):
        return last[2]
    compiled = _compiled(tuple(glossary.items()))
    _last = (glossary, len(glossary), compiled)
    return compiled


def with_abbreviations(text: str | None, glossary: Mapping[str, str]) -> Markup:
    """Escaped text with each glossary term wrapped in <abbr title="meaning">."""
    escaped = str(escape(text or ""))
    pattern, meanings = _compiled_for(glossary)
    if pattern is None:
        return Markup(escaped)  # noqa: S704 - escaped just above
    return Markup(  # noqa: S704 - built from escaped text and escaped titles
        pattern.sub(
            lambda match: f'<abbr title="{escape(meanings[match[1]])}">{match[1]}</abbr>',
            escaped,
        )
    )


def rich_text(text: str | None, glossary: Mapping[str, str]) -> Markup:
    """Paragraphs and lists as HTML, glossary terms explained."""
    html: list[str] = []
    for block in blocks(text):
        if block.kind == "list":
            items = "".join(
                f"<li>{with_abbreviations(line, glossary)}</li>" for line in block.lines
            )
            html.append(f"<ul>{items}</ul>")
        else:
            html.append(f"<p>{with_abbreviations(block.lines[0], glossary)}</p>")
    return Markup("".join(html))  # noqa: S704 - every piece escaped above
