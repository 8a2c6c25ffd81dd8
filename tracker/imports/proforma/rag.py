"""RAG (red, amber, green, blue for complete) read from a cell's leading word,
or failing that from its fill colour."""

from __future__ import annotations

import colorsys
import re

RED, AMBER, GREEN, BLUE = "red", "amber", "green", "blue"

_WORDS = {
    "red": RED,
    "r": RED,
    "amber": AMBER,
    "a": AMBER,
    "green": GREEN,
    "g": GREEN,
    "blue": BLUE,
    "complete": BLUE,
    "completed": BLUE,
    "done": BLUE,
    "closed": BLUE,
}
# The word must be the whole text or be followed by a separator: a space alone
# is not one, so "A review is under way" and "Green light given" name no RAG.
_LEADING_WORD = re.compile(
    r"^[ \t]*(" + "|".join(sorted(_WORDS, key=len, reverse=True)) + r")[ \t]*"
    r"(?:\Z|\n|[-\u2013\u2014:/,.])\s*",
    re.IGNORECASE,
)

# The colours people fill RAG cells with, Excel's pale conditional-format
# tints included; yellow is used for amber.
_REFERENCE_COLOURS = {
    RED: ("FF0000", "C00000", "FFC7CE"),
    AMBER: ("FFC000", "FFBF00", "FFA500", "FFFF00", "FFEB9C"),
    GREEN: ("00B050", "92D050", "00FF00", "C6EFCE"),
    BLUE: ("0070C0", "00B0F0"),
}
# Below this spread between the strongest and weakest channel a colour is
# white, black or a grey (or a barely tinted one, such as a pale header fill).
_LEAST_CHROMA = 32 / 255
# A hue further than this from every RAG colour (purple, say) is no RAG.
_FURTHEST_HUE = 40 / 360


def rag_from_text(text: str | None) -> tuple[str | None, str | None]:
    """(rag, progress) from a RAG or RAG/Progress cell: "Amber - two of five
    delivered" gives ("amber", "two of five delivered"); text with no RAG
    word is all progress."""
    if text is None:
        return None, None
    match = _LEADING_WORD.match(text)
    if not match:
        return None, text.strip() or None
    rest = text[match.end() :].strip()
    return _WORDS[match.group(1).lower()], rest or None


def _hue_chroma(rgb: str) -> tuple[float, float]:
    red, green, blue = (int(rgb[i : i + 2], 16) / 255 for i in (0, 2, 4))
    hue, _, _ = colorsys.rgb_to_hls(red, green, blue)
    return hue, max(red, green, blue) - min(red, green, blue)


_REFERENCE_HUES = tuple(
    (rag, _hue_chroma(rgb)[0]) for rag, colours in _REFERENCE_COLOURS.items() for rgb in colours
)


def rag_from_colour(rgb: str | None) -> str | None:
    """The RAG a fill colour (RRGGBB) stands for, by nearest hue; None for
    no fill, white, greys and colours far from any RAG colour."""
    if not rgb or len(rgb) != 6:
        return None
    try:
        hue, chroma = _hue_chroma(rgb)
    except ValueError:
        return None
    if chroma < _LEAST_CHROMA:
        return None
    distance, rag = min(
        (min(abs(hue - reference), 1 - abs(hue - reference)), rag)
        for rag, reference in _REFERENCE_HUES
    )
    return rag if distance <= _FURTHEST_HUE else None
