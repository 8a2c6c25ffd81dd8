"""Typed settings, read once from the environment."""

from __future__ import annotations

import os
import secrets
from dataclasses import dataclass
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATABASE_URL = "sqlite:///data/tracker.sqlite3"


class SettingsError(ValueError):
    """A setting is present but cannot be used; the message says which and why."""


@dataclass(frozen=True)
class Settings:
    database_url: str
    imports_dir: Path
    templates_dir: Path
    secret_key: str
    secure_cookies: bool
    max_upload_bytes: int
    max_unpacked_bytes: int

    @classmethod
    def from_environment(cls, environ: dict[str, str] | None = None) -> Settings:
        env = os.environ if environ is None else environ
        return cls(
            database_url=env.get("DATABASE_URL", DEFAULT_DATABASE_URL),
            imports_dir=Path(env.get("TRACKER_IMPORTS_DIR", REPO_ROOT / "imports")),
            templates_dir=REPO_ROOT / "templates",
            secret_key=env.get("TRACKER_SECRET_KEY") or _generated_secret(),
            secure_cookies=_flag(env.get("TRACKER_SECURE_COOKIES", "0"), "TRACKER_SECURE_COOKIES"),
            max_upload_bytes=_size(env.get("TRACKER_MAX_UPLOAD_MB", "20"), "TRACKER_MAX_UPLOAD_MB"),
            max_unpacked_bytes=_size(
                env.get("TRACKER_MAX_UNPACKED_MB", "50"), "TRACKER_MAX_UNPACKED_MB"
            ),
        )


def _generated_secret() -> str:
    # A fresh secret per process is safe (CSRF tokens simply expire on restart);
    # set TRACKER_SECRET_KEY in production so they survive restarts and workers agree.
    return secrets.token_hex(32)


def _flag(value: str, name: str) -> bool:
    lowered = value.strip().lower()
    if lowered in {"1", "true", "yes", "on"}:
        return True
    if lowered in {"0", "false", "no", "off", ""}:
        return False
    raise SettingsError(f"{name} must be 1 or 0, not {value!r}")


def _size(value: str, name: str) -> int:
    try:
        megabytes = float(value)
    except ValueError:
        raise SettingsError(f"{name} must be a number of megabytes, not {value!r}") from None
    if megabytes <= 0:
        raise SettingsError(f"{name} must be more than 0")
    return int(megabytes * 1024 * 1024)
