"""Replacing what identified a person in the copies of a text kept elsewhere. Pure."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from tracker.core.personal_data.finders import Finding


def replacements(findings: tuple[Finding, ...]) -> dict[str, str]:
    """Each identifier as it was written -> "[redacted phone number]" and the like."""
    return {finding.text: f"[redacted {finding.kind.short}]" for finding in findings}


def replaced(text: str, swaps: Mapping[str, str]) -> str:
    # Longest first, so an identifier inside a longer one is not half replaced.
    for original in sorted(swaps, key=len, reverse=True):
        text = text.replace(original, swaps[original])
    return text


def rewritten(value: Any, swaps: Mapping[str, str]) -> Any:
    """A JSON value with every string (keys too) rewritten."""
    if isinstance(value, str):
        return replaced(value, swaps)
    if isinstance(value, list):
        return [rewritten(item, swaps) for item in value]
    if isinstance(value, dict):
        return {replaced(key, swaps): rewritten(item, swaps) for key, item in value.items()}
    return value


def rewritten_json(stored: str | dict | list | None, swaps: Mapping[str, str]) -> str | None:
    """The audit trail's before/after JSON rewritten, or None when nothing in it changed.

    Written back as tracker.audit.trail.append writes it (sorted keys).
    """
    if stored is None or not swaps:
        return None
    value = json.loads(stored) if isinstance(stored, str) else stored
    after = rewritten(value, swaps)
    if after == value:
        return None
    return json.dumps(after, sort_keys=True)
