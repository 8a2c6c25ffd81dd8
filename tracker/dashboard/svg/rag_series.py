"""How each RAG rating is drawn in a chart: its word, its colour and its texture.

Colours stay close to the RAG badges for sighted users; the textures are what
keep the ratings apart in greyscale: Red hatched, Amber dotted, Green light
and plain, Complete dark and plain, Not rated white with only its outline.
"""

from __future__ import annotations

from tracker.core.rag import RAG_ORDER, RagCounts, rag_label
from tracker.dashboard.svg.frame import Series

_LOOKS = {
    "red": ("#d4351c", "hatch"),
    "amber": ("#f47738", "dots"),
    "green": ("#85c99b", "solid"),
    "blue": ("#003078", "solid"),
    None: ("#ffffff", "outline"),
}

RAG_SERIES: tuple[Series, ...] = tuple(
    Series(
        key=rag or "not-rated", label=rag_label(rag), colour=_LOOKS[rag][0], texture=_LOOKS[rag][1]
    )
    for rag in RAG_ORDER
)


def rag_values(counts: RagCounts) -> tuple[int, ...]:
    """The counts in RAG_SERIES' order."""
    return tuple(count for _, count in counts.items())
