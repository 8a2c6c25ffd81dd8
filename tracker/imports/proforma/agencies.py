"""The partnership's agencies (Appendix 5) and how to recognise them in text."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

_WORD = re.compile(r"[a-z0-9]+")
_APOSTROPHES = re.compile(r"['\u2019\u2018`\u00b4]")


@dataclass(frozen=True)
class AgencyName:
    name: str  # full Appendix 5 name, e.g. "Thames Valley Police"
    short_names: tuple[str, ...] = ()  # e.g. ("TVP",)


def name_words(text: str) -> tuple[str, ...]:
    """The words of a name, so that case, spacing, punctuation and apostrophe
    style (' or ’, or none) do not matter: "Children’s Social Care" and
    "childrens social care" give the same words."""
    text = _APOSTROPHES.sub("", text.casefold()).replace("&", " and ")
    return tuple(_WORD.findall(text))


class AgencyDirectory:
    def __init__(self, agencies: Iterable[AgencyName]) -> None:
        self._agencies = tuple(agencies)
        self._by_words: dict[tuple[str, ...], AgencyName] = {}
        for agency in self._agencies:
            for written in (agency.name, *agency.short_names):
                words = name_words(written)
                if words:
                    self._by_words.setdefault(words, agency)
        self._longest = max((len(words) for words in self._by_words), default=0)

    @property
    def agencies(self) -> tuple[AgencyName, ...]:
        return self._agencies

    def find(self, text: str) -> AgencyName | None:
        """The agency whose name or short name `text` is."""
        return self._by_words.get(name_words(text))

    def find_in(self, text: str) -> AgencyName | None:
        """The agency named (as whole words) somewhere in `text`, such as a
        title or a sheet name; where several are, the longest name wins."""
        words = name_words(text)
        for length in range(min(self._longest, len(words)), 0, -1):
            for start in range(len(words) - length + 1):
                agency = self._by_words.get(words[start : start + length])
                if agency is not None:
                    return agency
        return None
