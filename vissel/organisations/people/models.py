import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from vissel.crypto.keys import StaffWrappedKey


class StaffKeyPair(models.Model):
    """A staff member's X25519 key pair. The private half is stored only wrapped under
    Argon2id of their password and then under the server's key-encryption key (KEK),
    which is never in the database; case keys are sealed to the public half."""

    person = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="key_pair"
    )
    public_key = models.BinaryField()
    private_key_salt = models.BinaryField()
    private_key_kdf = models.CharField(max_length=60)
    kek_id = models.CharField(max_length=16)
    wrapped_private_key = models.BinaryField()
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self):
        return f"key pair of {self.person_id}"

    def wrapped(self) -> StaffWrappedKey:
        return StaffWrappedKey(
            bytes(self.private_key_salt),
            self.private_key_kdf,
            self.kek_id,
            bytes(self.wrapped_private_key),
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


class RoleOffer(models.Model):
    """Roles offered to a person who has an account already (perhaps serving another
    organisation). Nothing is attached until they accept, logged in as themselves."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.CASCADE, related_name="role_offers"
    )
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="role_offers"
    )
    roles = models.JSONField(default=list)
    offered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    offered_at = models.DateTimeField(auto_now_add=True)
    answered_at = models.DateTimeField(null=True, blank=True)
    accepted = models.BooleanField(null=True)

    def __str__(self):
        return f"roles offered to {self.person_id}"


class ApprovalAction(models.TextChoices):
    GRANT_ROLES = "grant_roles", _("give a role that reads cases")
    RESET = "reset", _("reset the account of someone who reads cases")


class PendingApproval(models.Model):
    """A change that gives someone the power to read cases, waiting for a second admin
    (four eyes). The admin who asked can never approve it."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.CASCADE, related_name="approvals"
    )
    action = models.CharField(max_length=20, choices=ApprovalAction.choices)
    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    roles = models.JSONField(default=list)  # for GRANT_ROLES: the roles to add
    new_account = models.BooleanField(default=False)  # invited by this organisation
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    requested_at = models.DateTimeField(auto_now_add=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    approved = models.BooleanField(null=True)

    def __str__(self):
        return f"{self.action} of {self.person_id} awaiting approval"


class AccountNotice(models.Model):
    """An e-mail to a staff member about an account or a role (never about a case's
    content). Sent as soon as the change is committed; `vissel tick` retries."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.CASCADE, related_name="+"
    )
    subject = models.CharField(max_length=300)
    body = models.TextField()
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    def __str__(self):
        return f"notice to {self.person_id}"
