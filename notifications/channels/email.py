"""E-mail over SMTP, configured by one URL (`LIANXI_SMTP_URL`):

    smtp://user:pass@host:587?starttls=1    STARTTLS on the submission port
    smtps://user:pass@host:465              (or smtp://…?ssl=1) TLS from the first byte
    smtp://127.0.0.1:1025                   a local relay, no login

The From address is `LIANXI_SMTP_FROM` (default lianxi@localhost). Each mail carries a
Message-ID made from the outbox message's id and the installation's host: the window between
the server accepting a mail and our commit recording it cannot be closed, so a mail resent
after a crash in that window is the same message to every mail client that deduplicates.
"""

from __future__ import annotations

import smtplib
import ssl
from dataclasses import dataclass
from datetime import datetime
from email.headerregistry import Address
from email.message import EmailMessage
from email.utils import format_datetime
from urllib.parse import parse_qs, unquote, urlsplit

from engine.core.config import Settings
from notifications.channels import DeliveryError

TIMEOUT = 10  # seconds; a hung server costs one timeout per pass (see DeliveryError.down)
# Refusals of this one message; anything else (refused connection, login, TLS) is the server's.
MESSAGE_REFUSALS = (smtplib.SMTPRecipientsRefused, smtplib.SMTPDataError)


@dataclass(frozen=True)
class Mail:
    to: str
    to_name: str
    subject: str
    body: str
    key: str  # unique per outbox message (or digest): becomes the Message-ID
    date: datetime


@dataclass(frozen=True)
class Server:
    host: str
    port: int
    user: str | None
    password: str | None
    starttls: bool
    tls: bool


def parse(url: str) -> Server:
    parts = urlsplit(url)
    query = {k: v[-1] for k, v in parse_qs(parts.query).items()}
    if parts.scheme not in ("smtp", "smtps") or not parts.hostname:
        raise ValueError(f"LIANXI_SMTP_URL must look like smtp://user:pass@host:587?starttls=1, not {url!r}")
    tls = parts.scheme == "smtps" or query.get("ssl") == "1"
    return Server(
        host=parts.hostname,
        port=parts.port or (465 if tls else 25),
        user=unquote(parts.username) if parts.username else None,
        password=unquote(parts.password) if parts.password else None,
        starttls=query.get("starttls") == "1",
        tls=tls,
    )


def message_id(key: str, base_url: str) -> str:
    return f"<lianxi.{key}@{urlsplit(base_url).hostname or 'localhost'}>"


def compose(mail: Mail, settings: Settings) -> EmailMessage:
    message = EmailMessage()
    message["From"] = settings.smtp_from
    message["To"] = Address(display_name=mail.to_name, addr_spec=mail.to)
    message["Subject"] = mail.subject
    message["Date"] = format_datetime(mail.date)
    message["Message-ID"] = message_id(mail.key, settings.base_url)
    message["Auto-Submitted"] = "auto-generated"  # RFC 3834: no vacation replies, please
    message.set_content(mail.body, charset="utf-8")
    return message


def send(settings: Settings, mail: Mail) -> None:
    try:
        server = parse(settings.smtp_url)
    except ValueError as exc:  # misconfigured: no mail can go until an operator fixes it
        raise DeliveryError(str(exc), down=True) from exc
    try:
        message = compose(mail, settings)
    except ValueError as exc:  # a malformed address stops only this mail
        raise DeliveryError(f"cannot write the mail: {exc}") from exc
    try:
        with _connect(server) as smtp:
            if server.starttls:
                smtp.starttls(context=ssl.create_default_context())
            if server.user:
                smtp.login(server.user, server.password or "")
            smtp.send_message(message)
    except MESSAGE_REFUSALS as exc:
        raise DeliveryError(f"{server.host}: {exc}") from exc
    except OSError as exc:  # smtplib's own errors included: it is the server that failed
        raise DeliveryError(f"{server.host}:{server.port}: {exc or type(exc).__name__}", down=True) from exc


def _connect(server: Server) -> smtplib.SMTP:
    if server.tls:
        return smtplib.SMTP_SSL(server.host, server.port, timeout=TIMEOUT, context=ssl.create_default_context())
    return smtplib.SMTP(server.host, server.port, timeout=TIMEOUT)
