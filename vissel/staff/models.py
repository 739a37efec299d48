import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

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


class SecondFactor(models.Model):
    """The TOTP secret (sealed under a server-derived key) and the last step used."""

    person = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="second_factor"
    )
    sealed_secret = models.BinaryField()
    last_step = models.BigIntegerField(default=0)

    def __str__(self):
        return f"second factor of {self.person_id}"


class Purpose(models.TextChoices):
    ENROL = "enrol", _("set up a new account")
    RESET = "reset", _("reset a password")


class Invitation(models.Model):
    """A one-time link to set a password, enrol TOTP and create a key pair. Only a hash
    of its token is stored."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="invitations"
    )
    token_hash = models.CharField(max_length=64, unique=True)
    purpose = models.CharField(max_length=10, choices=Purpose.choices)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    used_at = models.DateTimeField(null=True, blank=True)

    def __str__(self):
        return f"{self.purpose} invitation for {self.person_id}"
