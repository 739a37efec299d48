from django.conf import settings
from django.db import models

from vissel.crypto.keys import PasswordWrappedKey


class StaffKeyPair(models.Model):
    """A staff member's X25519 key pair. The private half is stored only wrapped under
    Argon2id of their password; case keys are sealed to the public half."""

    person = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="key_pair"
    )
    public_key = models.BinaryField()
    private_key_salt = models.BinaryField()
    private_key_kdf = models.CharField(max_length=60)
    wrapped_private_key = models.BinaryField()
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self):
        return f"key pair of {self.person_id}"

    def wrapped(self) -> PasswordWrappedKey:
        return PasswordWrappedKey(
            bytes(self.private_key_salt), self.private_key_kdf, bytes(self.wrapped_private_key)
        )
