"""An SMTP server on loopback that keeps what it receives."""

import email
import socket
import threading
from email.policy import default

from aiosmtpd.controller import Controller


class _Keeper:
    def __init__(self):
        self.messages = []
        self.lock = threading.Lock()

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 (aiosmtpd's name)
        message = email.message_from_bytes(envelope.content, policy=default)
        with self.lock:
            self.messages.append((list(envelope.rcpt_tos), message))
        return "250 OK"


def delivering_to(mailbox: "Mailbox") -> dict:
    """The environment a `vissel` process needs to send its e-mail to `mailbox`."""
    return {
        "VISSEL_EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "VISSEL_EMAIL_HOST": "127.0.0.1",
        "VISSEL_EMAIL_PORT": str(mailbox.port),
    }


class Mailbox:
    def __init__(self):
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            self.port = probe.getsockname()[1]
        self._keeper = _Keeper()
        self._controller = Controller(self._keeper, hostname="127.0.0.1", port=self.port)

    def __enter__(self):
        self._controller.start()
        return self

    def __exit__(self, *exc):
        self._controller.stop()

    @property
    def messages(self):
        with self._keeper.lock:
            return list(self._keeper.messages)

    def to(self, address: str):
        return [message for rcpt, message in self.messages if address in rcpt]

    def bodies(self) -> str:
        return "\n".join(
            message.get_content() + str(message["Subject"]) for _rcpt, message in self.messages
        )
