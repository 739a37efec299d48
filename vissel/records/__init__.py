"""Case numbers, and later redaction, half-year summaries, statistics and retention."""
