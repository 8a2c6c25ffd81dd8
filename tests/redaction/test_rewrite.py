"""Rewriting copies of redacted identifiers in stored JSON, and finding them in staged files."""

import io
import json

from openpyxl import Workbook
from openpyxl.cell.rich_text import CellRichText, TextBlock
from openpyxl.cell.text import InlineFont

from tracker.core.personal_data.finders import find_identifiers
from tracker.redaction.rewrite import replacements, rewritten_json
from tracker.redaction.staged import holds_any


def test_every_copy_in_the_json_is_replaced_and_keys_stay_sorted():
    swaps = replacements(find_identifiers("mum on 01865 123456"))
    stored = json.dumps(
        {"progress": "Call 01865 123456 now", "list": ["01865 123456"], "version": 2},
        sort_keys=True,
    )
    assert json.loads(rewritten_json(stored, swaps)) == {
        "list": ["[redacted phone number]"],
        "progress": "Call [redacted phone number] now",
        "version": 2,
    }


def test_json_without_a_copy_is_left_alone():
    swaps = replacements(find_identifiers("mum on 01865 123456"))
    assert rewritten_json('{"progress": "All on track"}', swaps) is None
    assert rewritten_json('{"progress": "Call 01865 123456"}', {}) is None


def test_non_ascii_text_escaped_in_the_stored_json_is_still_found():
    swaps = replacements(find_identifiers("Zoë's carer: zoë.carer@example.org"))
    stored = json.dumps({"progress": "Wrote to zoë.carer@example.org"})
    assert "zo\\u00eb" in stored
    assert "carer@example.org" not in rewritten_json(stored, swaps)


def workbook_bytes(value) -> bytes:
    workbook = Workbook()
    workbook.active["G5"] = value
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def test_a_staged_workbook_is_found_to_hold_text_even_across_rich_text_runs():
    plain = workbook_bytes("Call the family on 01865 123456 & <mum>")
    assert holds_any(plain, ["01865 123456"])
    assert holds_any(plain, ["& <mum>"])
    assert not holds_any(plain, ["07700 900123"])
    runs = CellRichText(["Call 01865 ", TextBlock(InlineFont(b=True), "123456"), " today"])
    assert holds_any(workbook_bytes(runs), ["01865 123456"])
    assert holds_any(b"not a zip at all", ["anything"])  # cannot be read: may hold it
