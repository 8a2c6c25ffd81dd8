"""Plain text as the business unit types it, as blocks every format lays out the same way.

Key messages, purposes, summaries and recommendations are plain text: a blank
line starts a new paragraph, a line starting "- " is a bullet, and nothing
typed is markup ("<b>Note</b>" is those eleven characters). Each renderer
shows the blocks with its own escaping; none interprets the text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Characters no document format can hold (and that mean nothing on paper): the C0
# controls but tab and line feed, as openpyxl's ILLEGAL_CHARACTERS_RE.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
_BULLET = re.compile(r"^\s*[-•*]\s+")


@dataclass(frozen=True)
class Paragraph:
    text: str


@dataclass(frozen=True)
class Bullets:
    items: tuple[str, ...]


Block = Paragraph | Bullets


def blocks(text: str | None) -> tuple[Block, ...]:
    """Paragraphs (lines joined by spaces, split at blank lines) and runs of "- " bullets.

    A bullet's following lines that do not start a bullet continue it. Empty text
    gives no blocks, so a renderer can leave the heading out.
    """
    made: list[Block] = []
    lines: list[str] = []  # the paragraph being read
    items: list[str] = []  # the bullets being read

    def close_paragraph() -> None:
        if lines:
            made.append(Paragraph(" ".join(lines)))
            lines.clear()

    def close_bullets() -> None:
        if items:
            made.append(Bullets(tuple(items)))
            items.clear()

    cleaned = _CONTROL.sub("", (text or "").replace("\r\n", "\n").replace("\r", "\n"))
    for raw in cleaned.split("\n"):
        line = " ".join(raw.split())
        if not line:
            close_paragraph()
            close_bullets()
        elif _BULLET.match(raw):
            close_paragraph()
            items.append(_BULLET.sub("", raw).strip())
        elif items:
            items[-1] = f"{items[-1]} {line}"
        else:
            lines.append(line)
    close_paragraph()
    close_bullets()
    return tuple(block for block in made if not isinstance(block, Bullets) or any(block.items))


def flat(found: str | None | tuple[Block, ...]) -> list[str]:
    """Text or its blocks as lines, bullets marked "•": for cells that hold text only."""
    out: list[str] = []
    for block in blocks(found) if found is None or isinstance(found, str) else found:
        if isinstance(block, Paragraph):
            out.append(block.text)
        else:
            out.extend(f"•  {item}" for item in block.items)
    return out
