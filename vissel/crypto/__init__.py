"""Key derivation, sealing, field and stream encryption. No Django views, no models.

Everything a reporter writes is encrypted here before it reaches the database or the disk.
"""

from vissel.crypto.errors import DecryptionFailed

__all__ = ["DecryptionFailed"]
