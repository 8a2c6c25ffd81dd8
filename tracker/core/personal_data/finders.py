"""Spotting free text that looks like it identifies a person. Pure.

Updates, progress, challenges and comments are about services, never about
individual children. This finds what would identify someone: an NHS number
(ten digits whose last is the modulus-11 check digit of the other nine), a
date of birth (a date after "DOB", "date of birth" or "born"), a full UK
postcode, a UK phone number and an e-mail address. A finding is a warning the
author confirms or edits, so the patterns lean towards catching.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum


class IdentifierKind(StrEnum):
    NHS_NUMBER = "nhs-number"
    DATE_OF_BIRTH = "date-of-birth"
    POSTCODE = "postcode"
    PHONE = "phone"
    EMAIL = "email"

    @property
    def label(self) -> str:
        """As in "looks like an NHS number"."""
        return KIND_LABELS[self]

    @property
    def short(self) -> str:
        return KIND_SHORT[self]


KIND_LABELS = {
    IdentifierKind.NHS_NUMBER: "an NHS number",
    IdentifierKind.DATE_OF_BIRTH: "a date of birth",
    IdentifierKind.POSTCODE: "a postcode",
    IdentifierKind.PHONE: "a phone number",
    IdentifierKind.EMAIL: "an e-mail address",
}

KIND_SHORT = {
    IdentifierKind.NHS_NUMBER: "NHS number",
    IdentifierKind.DATE_OF_BIRTH: "date of birth",
    IdentifierKind.POSTCODE: "postcode",
    IdentifierKind.PHONE: "phone number",
    IdentifierKind.EMAIL: "e-mail address",
}


@dataclass(frozen=True)
class Finding:
    kind: IdentifierKind
    start: int
    end: int
    text: str


_NHS = re.compile(r"(?<![\d\w])(\d{3})[ -]?(\d{3})[ -]?(\d{4})(?![\d\w])")
_EMAIL = re.compile(r"[\w.+'-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+")
_POSTCODE = re.compile(
    r"(?<![\w])(?:GIR ?0AA|[A-PR-UWYZ][A-HK-Y]?\d[A-Z\d]? ?\d[ABD-HJLNP-UW-Z]{2})(?![\w])",
    re.IGNORECASE,
)
_PHONE = re.compile(r"(?<![\w+])(?:\+\s?44|\(\s?0|0)[\d ()\-]{8,17}\d(?!\d)")
_MONTHS = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
)
_DATE = (
    r"(?:\d{1,2}[/.\-]\d{1,2}[/.\-]\d{2,4}|\d{4}-\d{1,2}-\d{1,2}"
    rf"|\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTHS}\.?,?\s+\d{{2,4}}"
    rf"|{_MONTHS}\.?\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{2,4}})"
)
_DATE_OF_BIRTH = re.compile(
    rf"(?<![\w])(?:d\.?\s?o\.?\s?b\.?|date\s+of\s+birth|born(?:\s+on)?|birth\s*date)"
    rf"[\s:,\-]*(?:is\s+|was\s+)?({_DATE})",
    re.IGNORECASE,
)


def nhs_number_is_valid(digits: str) -> bool:
    """The modulus-11 check: weights 10 down to 2 on the first nine digits."""
    if len(digits) != 10 or not digits.isdigit():
        return False
    total = sum(
        int(digit) * weight for digit, weight in zip(digits[:9], range(10, 1, -1), strict=True)
    )
    check = 11 - total % 11
    if check == 11:
        check = 0
    return check != 10 and check == int(digits[9])


def _phone_digits_plausible(text: str) -> bool:
    digits = re.sub(r"\D", "", text)
    if digits.startswith("44"):
        digits = "0" + digits[2:]
        if digits.startswith("00"):  # +44 (0) 1865 ...
            digits = digits[1:]
    return digits.startswith("0") and len(digits) in (10, 11) and digits[1] != "0"


def find_identifiers(text: str) -> tuple[Finding, ...]:
    """Everything in `text` that looks like it identifies a person, in order, not overlapping."""
    if not text:
        return ()
    found: list[Finding] = []
    taken: list[tuple[int, int]] = []

    def claim(kind: IdentifierKind, start: int, end: int) -> None:
        if any(start < other_end and other_start < end for other_start, other_end in taken):
            return
        taken.append((start, end))
        found.append(Finding(kind, start, end, text[start:end]))

    for match in _EMAIL.finditer(text):
        claim(IdentifierKind.EMAIL, match.start(), match.end())
    for match in _DATE_OF_BIRTH.finditer(text):
        claim(IdentifierKind.DATE_OF_BIRTH, match.start(1), match.end(1))
    for match in _NHS.finditer(text):
        if nhs_number_is_valid("".join(match.groups())):
            claim(IdentifierKind.NHS_NUMBER, match.start(), match.end())
    for match in _PHONE.finditer(text):
        if _phone_digits_plausible(match.group()):
            claim(IdentifierKind.PHONE, match.start(), match.end())
    for match in _POSTCODE.finditer(text):
        claim(IdentifierKind.POSTCODE, match.start(), match.end())
    return tuple(sorted(found, key=lambda finding: finding.start))


def redacted(text: str, findings: tuple[Finding, ...] | None = None) -> str:
    """`text` with each finding replaced by "[redacted NHS number]" and the like."""
    findings = find_identifiers(text) if findings is None else findings
    out, last = [], 0
    for finding in sorted(findings, key=lambda item: item.start):
        out.append(text[last : finding.start])
        out.append(f"[redacted {finding.kind.short}]")
        last = finding.end
    out.append(text[last:])
    return "".join(out)


def kinds_found(findings: tuple[Finding, ...]) -> tuple[IdentifierKind, ...]:
    """Each kind once, in the order of IdentifierKind."""
    present = {finding.kind for finding in findings}
    return tuple(kind for kind in IdentifierKind if kind in present)


def what_was_found(findings: tuple[Finding, ...]) -> str:
    """ "an NHS number (943 476 5919)": the first five findings, in words."""
    return ", ".join(f"{finding.kind.label} ({finding.text})" for finding in findings[:5])


def warning(field_label: str, findings: tuple[Finding, ...]) -> str:
    """The message shown under a field whose text looks like it identifies someone."""
    what = what_was_found(findings)
    return (
        f"{field_label} looks like it identifies a person: {what}. Write about services, "
        "never about individual children. Edit the text, or confirm it does not identify anyone."
    )
