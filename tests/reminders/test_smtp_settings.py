"""SMTP_URL, REMINDERS_FROM and TRACKER_BASE_URL: read plainly, refused plainly when malformed."""

import pytest

from tracker.core.settings import Settings, SettingsError, SmtpServer


def settings(**environ: str) -> Settings:
    return Settings.from_environment(environ)


def test_without_smtp_url_reminders_are_not_e_mailed_and_the_defaults_hold():
    current = settings()
    assert current.smtp is None
    assert current.reminders_from == "neglect-tracker@localhost"
    assert current.base_url == "http://localhost:8000"


@pytest.mark.parametrize(
    ("url", "server"),
    [
        ("smtp://127.0.0.1:2525", SmtpServer("127.0.0.1", 2525)),
        ("smtp://mail.example.org", SmtpServer("mail.example.org", 25)),
        ("smtps://mail.example.org", SmtpServer("mail.example.org", 465, implicit_tls=True)),
        (
            "smtp://tracker%40example.org:p%40ss%3Aword@mail.example.org:587?starttls=1",
            SmtpServer(
                "mail.example.org",
                587,
                starttls=True,
                username="tracker@example.org",
                password="p@ss:word",
            ),
        ),
    ],
)
def test_smtp_url_names_the_server_its_encryption_and_the_login(url, server):
    assert settings(SMTP_URL=url).smtp == server


def test_the_smtp_password_is_never_shown_in_the_settings():
    current = settings(SMTP_URL="smtp://user:sekret@mail.example.org:587?starttls=1")
    assert "sekret" not in repr(current) and "sekret" not in repr(current.smtp)


@pytest.mark.parametrize(
    ("url", "reason"),
    [
        ("http://mail.example.org", "must start with smtp:// or smtps://"),
        ("smtp://", "names no host"),
        ("smtp://mail.example.org:lots", "port must be a number"),
        ("smtp://mail.example.org:70000", "port must be a number"),
        ("smtp://mail.example.org/inbox", "nothing may follow"),
        ("smtp://mail.example.org?tls=1", "the only option it takes is ?starttls=1"),
        ("smtps://mail.example.org?starttls=1", "already encrypted"),
        ("smtp://mail.example.org?starttls=maybe", "must be 1 or 0"),
    ],
)
def test_a_malformed_smtp_url_stops_start_up_with_the_reason(url, reason):
    with pytest.raises(SettingsError, match="SMTP_URL") as refused:
        settings(SMTP_URL=url)
    assert reason in str(refused.value)


def test_the_sender_and_the_base_url_for_links_are_checked():
    current = settings(
        REMINDERS_FROM="osscb@example.org", TRACKER_BASE_URL="https://tracker.example.org/"
    )
    assert current.reminders_from == "osscb@example.org"
    assert current.base_url == "https://tracker.example.org"
    with pytest.raises(SettingsError, match="REMINDERS_FROM"):
        settings(REMINDERS_FROM="not an address")
    with pytest.raises(SettingsError, match="TRACKER_BASE_URL"):
        settings(TRACKER_BASE_URL="tracker.example.org")
