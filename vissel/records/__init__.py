"""The records a case leaves: case and register numbers, the archive export, the released
(redacted) copy, half-year summaries, statistics and retention dates. Plain data in,
documents and figures out: what reads cases for them is `vissel.cases`."""
