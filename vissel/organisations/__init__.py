"""Organisations, their categories, languages and texts, and who holds which role."""
