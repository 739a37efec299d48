"""`vissel tick` from two machines at once: the real command, twice in parallel, against
the served instance's own database and a real SMTP server. Each e-mail goes out once."""

import re
from collections import Counter

import pytest

from tests.mailbox import Mailbox, delivering_to
from tests.served import file_a_report, ticks_at_once

pytestmark = pytest.mark.served


def test_two_ticks_at_once_send_each_notification_once(served):
    for _ in range(5):
        file_a_report(served, "x")
    # Told the next morning: as if they had come yesterday.
    served.sql("UPDATE cases_notification SET queued_on = ?", ("2026-01-01",))
    with Mailbox() as mailbox:
        mail = delivering_to(mailbox)
        outputs = ticks_at_once({**served.env, **mail}, {**served.env, **mail})
        sent = [int(re.search(r"e-mails sent: (\d+)", out).group(1)) for out in outputs]
        again = served.run("tick", **mail).stdout
        messages = mailbox.messages
    assert "e-mails sent: 0" in again
    assert sum(sent) == len(messages) >= 5
    deliveries = Counter((tuple(rcpt), str(message["Subject"])) for rcpt, message in messages)
    assert max(deliveries.values()) == 1
