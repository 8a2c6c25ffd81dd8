"""Which Appendix 2 core components an objective is about, judged from its wording. Pure.

Agencies mostly copy a component's wording into their proforma as the
objective, sometimes shortened or paraphrased, and number it as they like.
So the match is on words: a component is suggested when the objective holds
at least half of the component's significant words (lower-cased, without
punctuation, markup or stop words, with plurals and -ing/-ed endings folded),
or when the objective starts with the component's opening words.

The objective's leading number is never enough on its own (agencies
renumber); it only tips a near match (at least NEAR_MATCH) over the line.
Component 12, "any other areas", has no wording of its own to match.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Protocol

MATCH = 0.5
NEAR_MATCH = 0.35
OPENING_WORDS = 6  # enough to tell apart components that open alike ("To seek evidence that …")
NEVER_SUGGESTED = frozenset({12})

# Words that say nothing about which component is meant. "Neglect" and
# "ensure" are in nearly every objective of a neglect strategy.
STOP_WORDS = frozenset(
    """a all an and any are as at be been being both but by can do does each either eg e g etc
    for from has have how i ie if in into is it its may more most not of on or other our out
    particular so such than that the their them then there these they this those through to
    under up upon us via was we were what when where whether which while who whom why will with
    within would you your neglect ensure""".split()
)
# Words whose "-ed" is not an ending.
_WHOLE_WORDS = frozenset({"embed", "need", "speed", "feed", "seed", "bed", "red", "shed"})

_TAG = re.compile(r"<[^>]*>")
_WORD = re.compile(r"[a-z0-9]+")
_LEADING_NUMBER = re.compile(r"^\s*(\d{1,2})(?:[.):]|\s)")


class ComponentWording(Protocol):
    @property
    def number(self) -> int: ...
    @property
    def text(self) -> str: ...


@dataclass(frozen=True)
class Wording:
    """A component's number and wording, where no table row is at hand."""

    number: int
    text: str


def words(text: str) -> list[str]:
    """Lower-case words, without HTML tags, entities or punctuation."""
    plain = html.unescape(_TAG.sub(" ", text or "")).lower()
    return _WORD.findall(plain.replace("\u2019", "'").replace("'s", ""))


def stem(word: str) -> str:
    """A crude fold of English endings: enough for "conferences"/"conference", "naming"/"name"."""
    if word not in _WHOLE_WORDS:
        for ending, replacement in (("ies", "y"), ("ing", ""), ("ed", ""), ("es", ""), ("s", "")):
            if ending == "s" and word.endswith("ss"):
                break
            if word.endswith(ending) and len(word) - len(ending) >= 3:
                word = word[: -len(ending)] + replacement
                if len(word) > 3 and word[-1] == word[-2] and word[-1] not in "aeiou":
                    word = word[:-1]  # planning -> plann -> plan
                break
    return word[:-1] if word.endswith("e") and len(word) > 3 else word


def significant_words(text: str) -> frozenset[str]:
    return frozenset(
        stem(word)
        for word in words(text)
        if word not in STOP_WORDS and not word.isdigit() and len(word) > 1
    )


def leading_number(text: str, ref: str | None = None) -> int | None:
    """The number an objective is given: its ref ("4", "4a") or a "4." opening its text."""
    found = re.match(r"\s*(\d{1,2})", ref or "") or _LEADING_NUMBER.match(text or "")
    return int(found.group(1)) if found else None


def _without_number(text: str) -> list[str]:
    found = _LEADING_NUMBER.match(text or "")
    return words(text[found.end() :] if found else text)


def share_of_wording(objective: str, component: str) -> float:
    """The share of the component's significant words the objective holds (0 to 1)."""
    wanted = significant_words(component)
    if not wanted:
        return 0.0
    return len(wanted & significant_words(objective)) / len(wanted)


def opens_with(objective: str, component: str) -> bool:
    """The objective starts with the component's opening words, numbered or not."""
    opening = words(component)[:OPENING_WORDS]
    return bool(opening) and _without_number(objective)[: len(opening)] == opening


def suggest_components(
    objective_text: str,
    components: Iterable[ComponentWording],
    *,
    objective_ref: str | None = None,
) -> tuple[int, ...]:
    """The numbers of the components the objective's wording matches, lowest first."""
    number = leading_number(objective_text, objective_ref)
    suggested = []
    for component in components:
        if component.number in NEVER_SUGGESTED:
            continue
        share = share_of_wording(objective_text, component.text)
        if (
            share >= MATCH
            or opens_with(objective_text, component.text)
            or (share >= NEAR_MATCH and number == component.number)
        ):
            suggested.append(component.number)
    return tuple(sorted(suggested))
