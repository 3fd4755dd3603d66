"""A real SMTP server (aiosmtpd) per test, on a free port; the mails it received are parsed
messages in ``smtp.berichten``. The settings send through it (Django's SMTP backend)."""

import email
import email.policy
import socket
import threading
from dataclasses import dataclass, field

import pytest
from aiosmtpd.controller import Controller


def vrije_poort() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class Verzamelaar:
    berichten: list = field(default_factory=list)
    # Set to hold the server after it received a message and before it answers (a sender
    # killed mid-send: the message is on the server, the client never hears "250").
    vasthouden: threading.Event | None = None
    ontvangen: threading.Event = field(default_factory=threading.Event)

    async def handle_DATA(self, server, session, envelope):
        bericht = email.message_from_bytes(envelope.content, policy=email.policy.default)
        self.berichten.append((envelope.rcpt_tos, bericht))
        self.ontvangen.set()
        if self.vasthouden is not None:
            import asyncio

            while not self.vasthouden.is_set():
                await asyncio.sleep(0.05)
        return "250 OK"

    def aan(self, adres: str) -> list:
        return [b for ontvangers, b in self.berichten if adres in ontvangers]

    @property
    def ontvangers(self) -> list[str]:
        return sorted(a for ontvangers, _ in self.berichten for a in ontvangers)


@dataclass
class SmtpServer:
    host: str
    poort: int
    verzamelaar: Verzamelaar

    @property
    def berichten(self):
        return self.verzamelaar.berichten


@pytest.fixture
def smtp(settings):
    verzamelaar = Verzamelaar()
    poort = vrije_poort()
    controller = Controller(verzamelaar, hostname="127.0.0.1", port=poort)
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = poort
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_TIMEOUT = 5
    settings.MELDINGEN_BASIS_URL = "https://monitor.example.nl"
    try:
        yield SmtpServer("127.0.0.1", poort, verzamelaar)
    finally:
        if verzamelaar.vasthouden is not None:
            verzamelaar.vasthouden.set()
        controller.stop()
