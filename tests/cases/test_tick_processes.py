"""`vissel tick` from two machines at once: the real command, twice in parallel, against
the served instance's own database and a real SMTP server. Each e-mail goes out once."""

import re
import subprocess
from collections import Counter

import pytest

from tests.mailbox import Mailbox
from tests.served import VISSEL, file_a_report

pytestmark = pytest.mark.served


def test_two_ticks_at_once_send_each_notification_once(served):
    for _ in range(5):
        file_a_report(served, "x")
    # Told the next morning: as if they had come yesterday.
    served.sql("UPDATE cases_notification SET queued_on = ?", ("2026-01-01",))
    with Mailbox() as mailbox:
        mail = {
            "VISSEL_EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "VISSEL_EMAIL_HOST": "127.0.0.1",
            "VISSEL_EMAIL_PORT": str(mailbox.port),
        }
        ticks = [
            subprocess.Popen(
                [VISSEL, "tick"],
                env={**served.env, **mail},
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
            )
            for _ in range(2)
        ]
        outputs = [tick.communicate(timeout=300) for tick in ticks]
        assert [tick.returncode for tick in ticks] == [0, 0], outputs
        sent = [int(re.search(r"e-mails sent: (\d+)", out).group(1)) for out, _err in outputs]
        again = served.run("tick", **mail).stdout
        messages = mailbox.messages
    assert "e-mails sent: 0" in again
    assert sum(sent) == len(messages) >= 5
    deliveries = Counter((tuple(rcpt), str(message["Subject"])) for rcpt, message in messages)
    assert max(deliveries.values()) == 1
