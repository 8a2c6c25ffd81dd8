"""Each sample of the import contract reads as its .expected.json says."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tests.support.samples import REPO_SAMPLES, sample_files
from tracker.imports.proforma import AgencyDirectory, read_workbook, result_json

SAMPLES = sample_files()


def assert_matches_expected(actual: dict[str, Any], expected: dict[str, Any]) -> None:
    """Everything is compared exactly, except that warnings are not compared
    where the expected file gives null, and a null field of an expected error
    is not compared (though the actual message must still say something)."""
    assert set(actual) == set(expected)
    for key in expected:
        if key == "warnings" and expected[key] is None:
            continue
        if key == "errors":
            assert len(actual["errors"]) == len(expected["errors"]), actual["errors"]
            for got, want in zip(actual["errors"], expected["errors"], strict=True):
                assert set(got) == set(want)
                assert isinstance(got["message"], str) and got["message"].strip()
                for field, value in want.items():
                    if value is not None:
                        assert got[field] == value, (field, got)
            continue
        assert actual[key] == expected[key], key


@pytest.mark.parametrize("sample", SAMPLES, ids=[path.stem for path in SAMPLES])
def test_sample_reads_as_expected(sample: Path, agencies: AgencyDirectory) -> None:
    expected = json.loads(sample.with_name(sample.stem + ".expected.json").read_text("utf-8"))
    workbook = read_workbook(sample, agencies=agencies)
    created = sum(len(plan.actions) for plan in workbook.plans)
    actual = result_json(
        sample.name,
        workbook,
        summary={"created": created, "updated": 0, "unchanged": 0},
        dry_run=True,
    )
    assert_matches_expected(actual, expected)


def test_samples_are_found() -> None:
    assert len(SAMPLES) >= 4, f"the samples are missing from {REPO_SAMPLES}"
