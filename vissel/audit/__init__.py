"""The audit trail: who did what to which case or account, hash-chained and append-only.

It records actions, never what anyone wrote. What a reporter does enters the chain only in
a daily batch, in random order (see trail.flush_reporter_events), so that neither the
chain nor any table orders a reporter's actions finer than the day.
"""
