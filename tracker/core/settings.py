"""Typed settings, read once from the environment."""

from __future__ import annotations

import os
import secrets
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

REPO_ROOT = Path(__file__).resolve().parents[2]
DEFAULT_DATABASE_URL = "sqlite:///data/tracker.sqlite3"
DEFAULT_REMINDERS_FROM = "neglect-tracker@localhost"
DEFAULT_BASE_URL = "http://localhost:8000"


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
    smtp: SmtpServer | None = None  # None: reminders are listed at /reminders, not e-mailed
    reminders_from: str = DEFAULT_REMINDERS_FROM
    base_url: str = DEFAULT_BASE_URL  # where links in e-mails point
    # The work one import may ask for: rows of a workbook read, actions in it.
    max_import_rows: int = 30_000
    max_import_actions: int = 20_000
    # An upload link works this many days after its quarter's return deadline.
    upload_link_days: int = 14

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
            smtp=smtp_server(env.get("SMTP_URL", "")),
            reminders_from=_address(env.get("REMINDERS_FROM") or DEFAULT_REMINDERS_FROM),
            base_url=_base_url(env.get("TRACKER_BASE_URL") or DEFAULT_BASE_URL),
            max_import_rows=_count(
                env.get("TRACKER_MAX_IMPORT_ROWS", "30000"), "TRACKER_MAX_IMPORT_ROWS"
            ),
            max_import_actions=_count(
                env.get("TRACKER_MAX_IMPORT_ACTIONS", "20000"), "TRACKER_MAX_IMPORT_ACTIONS"
            ),
            upload_link_days=_count(
                env.get("TRACKER_UPLOAD_LINK_DAYS", "14"), "TRACKER_UPLOAD_LINK_DAYS"
            ),
        )


@dataclass(frozen=True)
class SmtpServer:
    """Where reminders are e-mailed: from SMTP_URL.

    smtp://user:password@host:port (plain, port 25 by default), with
    ?starttls=1 to upgrade the connection, or smtps://... for TLS from the
    start (port 465 by default). User and password are optional and URL-encoded.
    """

    host: str
    port: int
    implicit_tls: bool = False
    starttls: bool = False
    username: str | None = None
    password: str | None = None

    def __repr__(self) -> str:  # never print the password
        return f"SmtpServer({self.host!r}, {self.port}, tls={self.implicit_tls or self.starttls})"


def smtp_server(url: str) -> SmtpServer | None:
    """The server SMTP_URL names, None when it is empty, SettingsError when malformed."""
    if not url.strip():
        return None
    shown = "SMTP_URL must look like smtp://user:password@host:587?starttls=1 or smtps://host"
    parts = urlsplit(url.strip())
    if parts.scheme not in ("smtp", "smtps"):
        raise SettingsError(f"{shown}: it must start with smtp:// or smtps://")
    try:
        port = parts.port
    except ValueError:
        raise SettingsError(f"{shown}: the port must be a number from 1 to 65535") from None
    if not parts.hostname:
        raise SettingsError(f"{shown}: it names no host")
    if parts.path not in ("", "/") or parts.fragment:
        raise SettingsError(f"{shown}: nothing may follow the host and port but ?starttls=1")
    query = parse_qs(parts.query, keep_blank_values=True)
    if set(query) - {"starttls"} or len(query.get("starttls", [])) > 1:
        raise SettingsError(f"{shown}: the only option it takes is ?starttls=1")
    starttls = _flag(query.get("starttls", ["0"])[0], "SMTP_URL's starttls")
    implicit_tls = parts.scheme == "smtps"
    if implicit_tls and starttls:
        raise SettingsError(f"{shown}: smtps:// is already encrypted; drop ?starttls=1")
    return SmtpServer(
        host=parts.hostname,
        port=port or (465 if implicit_tls else 25),
        implicit_tls=implicit_tls,
        starttls=starttls,
        username=unquote(parts.username) if parts.username else None,
        password=unquote(parts.password) if parts.password is not None else None,
    )


def _address(value: str) -> str:
    address = value.strip()
    if "@" not in address or any(character.isspace() for character in address):
        raise SettingsError(f"REMINDERS_FROM must be an e-mail address, not {value!r}")
    return address


def _base_url(value: str) -> str:
    parts = urlsplit(value.strip())
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise SettingsError(
            f"TRACKER_BASE_URL must be the tracker's address, like https://tracker.example.org, "
            f"not {value!r}"
        )
    return value.strip().rstrip("/")


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


def _count(value: str, name: str) -> int:
    try:
        count = int(value.replace(",", "").replace("_", ""))
    except ValueError:
        raise SettingsError(f"{name} must be a whole number, not {value!r}") from None
    if count <= 0:
        raise SettingsError(f"{name} must be more than 0")
    return count


def _size(value: str, name: str) -> int:
    try:
        megabytes = float(value)
    except ValueError:
        raise SettingsError(f"{name} must be a number of megabytes, not {value!r}") from None
    if megabytes <= 0:
        raise SettingsError(f"{name} must be more than 0")
    return int(megabytes * 1024 * 1024)
