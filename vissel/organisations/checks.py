"""Refuse to serve without the server's key-encryption key: no staff member could log in,
and a missing mount must not go unnoticed until the first login."""

import os

from django.conf import settings
from django.core.checks import Error, Warning, register

from vissel.crypto import kek


@register(deploy=True)
def key_encryption_key_present(app_configs, **kwargs):
    try:
        kek.load()
    except kek.KekMissing as missing:
        return [
            Error(
                str(missing),
                hint="Run `vissel create-kek` once at set-up (and back the file up), or set "
                "VISSEL_KEK from your secrets manager.",
                id="vissel.E001",
            )
        ]
    return []


@register(deploy=True)
def key_encryption_key_kept_apart(app_configs, **kwargs):
    """The key-encryption key beside the database is no key at all to whoever copies the
    data folder: one backup or stolen disk would hold both."""
    kept_apart = not kek.kek_path().resolve().is_relative_to(settings.DATA_DIR)
    if os.environ.get("VISSEL_KEK") or kept_apart:
        return []
    return [
        Warning(
            "The key-encryption key is kept in the data folder, beside the database.",
            hint="Set VISSEL_KEK_FILE to a path on another disk (and back it up apart from "
            "the database), or inject VISSEL_KEK from your secrets manager.",
            id="vissel.W001",
        )
    ]
