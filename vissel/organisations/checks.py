"""Refuse to serve without the server's key-encryption key: no staff member could log in,
and a missing mount must not go unnoticed until the first login."""

from django.core.checks import Error, register

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
