"""The import contract's samples: the copies kept in tests/samples, and any
newer ones in the shared folder beside the repository (or TRACKER_SHARED_DIR)."""

from __future__ import annotations

import os
from pathlib import Path

REPO_SAMPLES = Path(__file__).resolve().parents[1] / "samples"


def shared_samples_dir() -> Path:
    shared = os.environ.get("TRACKER_SHARED_DIR")
    root = Path(shared) if shared else Path(__file__).resolve().parents[2].parent / "shared"
    if not (root / "samples").is_dir() and any(root.glob("*.expected.json")):
        return root  # pointed at the samples folder itself
    return root / "samples"


def sample_files() -> list[Path]:
    """Every sample workbook by name; a shared copy stands in for the repository's."""
    found: dict[str, Path] = {path.name: path for path in REPO_SAMPLES.glob("*.xlsx")}
    shared = shared_samples_dir()
    if shared.is_dir():
        found.update({path.name: path for path in shared.glob("*.xlsx")})
    return [found[name] for name in sorted(found)]
