"""Sending one e-mail through the SMTP server SMTP_URL names, with the standard library:
reminders, password links and notifications all go this way.

smtplib blocks, so it runs in a worker thread and the event loop carries on.
"""

from __future__ import annotations

import asyncio
import smtplib
import ssl
from dataclasses import dataclass
from email.message import EmailMessage
from email.utils import formatdate, make_msgid

from tracker.core.settings import SmtpServer

TIMEOUT_SECONDS = 30
# What a refusing, unreachable or misbehaving server raises: reported per e-mail, never fatal.
SEND_ERRORS = (smtplib.SMTPException, OSError)


@dataclass(frozen=True)
class Attachment:
    file_name: str
    media_type: str  # "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    content: bytes


@dataclass(frozen=True)
class Mail:
    sender: str
    recipient: str
    subject: str
    body: str
    attachments: tuple[Attachment, ...] = ()


def message(mail: Mail) -> EmailMessage:
    built = EmailMessage()
    built["From"] = mail.sender
    built["To"] = mail.recipient
    built["Subject"] = mail.subject
    built["Date"] = formatdate(localtime=True)
    built["Message-ID"] = make_msgid(domain=mail.sender.rpartition("@")[2] or None)
    built["Auto-Submitted"] = "auto-generated"  # RFC 3834: no auto-replies, please
    built.set_content(mail.body)
    for attachment in mail.attachments:
        maintype, _, subtype = attachment.media_type.partition("/")
        built.add_attachment(
            attachment.content,
            maintype=maintype,
            subtype=subtype,
            filename=attachment.file_name,
        )
    return built


def deliver(server: SmtpServer, mail: Mail) -> None:
    """Hand `mail` to the server, or raise one of SEND_ERRORS."""
    context = ssl.create_default_context()
    client: smtplib.SMTP
    if server.implicit_tls:
        client = smtplib.SMTP_SSL(
            server.host, server.port, timeout=TIMEOUT_SECONDS, context=context
        )
    else:
        client = smtplib.SMTP(server.host, server.port, timeout=TIMEOUT_SECONDS)
    with client:
        if server.starttls:
            client.starttls(context=context)
        if server.username is not None:
            client.login(server.username, server.password or "")
        client.send_message(message(mail))


async def send(server: SmtpServer, mail: Mail) -> None:
    await asyncio.to_thread(deliver, server, mail)


def described(error: BaseException) -> str:
    """A send error in one line, for the command's output and the audit trail."""
    if isinstance(error, smtplib.SMTPResponseException):
        text = (
            error.smtp_error.decode(errors="replace")
            if isinstance(error.smtp_error, bytes)
            else str(error.smtp_error)
        )
        return f"the server said {error.smtp_code} {text}"
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        return "the server refused the recipient: " + "; ".join(
            f"{code} {reply.decode(errors='replace')}" for code, reply in error.recipients.values()
        )
    if isinstance(error, ConnectionRefusedError):
        return "the SMTP server refused the connection"
    return f"{type(error).__name__}: {error}" if str(error) else type(error).__name__
