import uuid

from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from vissel.crypto.keys import StaffWrappedKey

RESERVED_SLUGS = {"staff", "static", "admin", "api", "media", "health"}

# A version 3 onion service's origin: 56 base32 characters, nothing after ".onion" but
# an optional slash.
ONION_ORIGIN = RegexValidator(
    r"\Ahttps?://[a-z2-7]{56}\.onion/?\Z",
    _("Enter an onion address: http://, then 56 letters and digits, then .onion."),
)


class Organisation(models.Model):
    slug = models.SlugField(max_length=60, unique=True)
    name = models.CharField(max_length=200)
    default_language = models.CharField(max_length=8, default="sv")
    languages = models.JSONField(default=list)  # e.g. ["sv", "en"], default first
    intro = models.JSONField(default=dict, blank=True)  # language -> text
    max_file_mb = models.PositiveIntegerField(default=settings.VISSEL_MAX_FILE_MB)
    max_total_mb = models.PositiveIntegerField(default=settings.VISSEL_MAX_TOTAL_MB)
    max_files = models.PositiveIntegerField(default=settings.VISSEL_MAX_FILES)
    # The longest oral report or voice message taken, in minutes.
    max_recording_minutes = models.PositiveIntegerField(default=15)
    # A meeting the reporter asks for is due within this many days.
    meeting_days = models.PositiveIntegerField(default=14)
    # A flood of reports (a bot gets past the honeypot) stops here for the day, so that it
    # cannot fill the disk or the screeners' mailboxes. Reporters have no address to be
    # limited by, so the limit is the organisation's.
    max_reports_per_day = models.PositiveIntegerField(default=100)
    # How a case's register number is written: {year} and {number} (Python's format).
    register_pattern = models.CharField(max_length=60, default="VB {year}/{number:04d}")
    acknowledgement_days = models.PositiveIntegerField(default=7)
    feedback_months = models.PositiveIntegerField(default=3)
    # Personal data is erased this long after a case closes.
    retention_years = models.PositiveIntegerField(default=2)
    # A concluded case nobody closes is closed this many days later, so that the
    # retention clock starts.
    auto_close_days = models.PositiveIntegerField(default=90)
    # The organisation must keep cases in its own archive (arkivlagen): a case waits for
    # its archive export to be recorded before its personal data is erased here.
    must_archive = models.BooleanField(default=False)
    # Optional: the public half of a recovery key pair whose private half was printed
    # once at set-up. Every case key is also sealed to it (vissel recover-access).
    recovery_public_key = models.BinaryField(null=True, blank=True)
    # Giving someone a role that reads cases, or resetting such an account, waits for a
    # second admin's approval while the organisation has two admins or more.
    four_eyes = models.BooleanField(default=True)
    # A Swedish authority (a municipality, a region): a report is a received public
    # document, personal data of staff under secrecy, and cases are registered. A private
    # organisation has none of that, and its pages say nothing of it.
    is_public_sector = models.BooleanField(default=True)
    # Optional: the organisation's onion service, an origin such as http://<56>.onion.
    # Reporter pages then carry Tor Browser's Onion-Location header, and the safety
    # advice shows the address.
    onion_address = models.CharField(
        max_length=100, blank=True, default="", validators=[ONION_ORIGIN]
    )
    # Optional: where to ask about personal data (an e-mail address, a page, a name) and
    # where to report an accessibility problem. Empty: the pages say to contact the
    # organisation.
    privacy_contact = models.CharField(max_length=300, blank=True, default="")
    accessibility_contact = models.CharField(max_length=300, blank=True, default="")
    # Known accessibility shortcomings, language -> text; empty: none known.
    accessibility_shortcomings = models.JSONField(default=dict, blank=True)
    # What the organisation calls its chief executive and the chair of its board, as
    # reporters read them: {"chief_executive": {"sv": "kommundirektören", ...}, "chair":
    # {...}}. Empty: the pages use the general words.
    titles = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    @property
    def max_file_bytes(self) -> int:
        return self.max_file_mb * 1024 * 1024

    @property
    def max_total_bytes(self) -> int:
        return self.max_total_mb * 1024 * 1024

    def title_in(self, role: str, language: str) -> str:
        """The organisation's own title for `role` ("chief_executive", "chair"), or ""."""
        titles = self.titles.get(role) or {}
        return titles.get(language) or titles.get(self.default_language, "")

    def intro_in(self, language: str) -> str:
        return self.intro.get(language) or self.intro.get(self.default_language, "")


OTHER = "other"  # the catch-all category, always listed last


class CategoryQuerySet(models.QuerySet):
    def in_order(self):
        """By the admin's order, with "Other" last whatever its position says."""
        return self.order_by(
            models.Case(models.When(key=OTHER, then=1), default=0), "position", "id"
        )


class Category(models.Model):
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="categories"
    )
    key = models.SlugField(max_length=60)
    names = models.JSONField(default=dict)  # language -> name
    position = models.PositiveIntegerField(default=0)
    is_active = models.BooleanField(default=True)

    objects = CategoryQuerySet.as_manager()

    class Meta:
        ordering = ["position", "id"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "key"], name="category_key_per_org")
        ]

    def __str__(self):
        return self.key

    def name_in(self, language: str) -> str:
        return (
            self.names.get(language)
            or self.names.get(self.organisation.default_language)
            or self.key
        )


class Role(models.TextChoices):
    """A role is a group: everyone holding it in an organisation (DESIGN: roles)."""

    SCREENER = "screener", _("screening (the external intake party)")
    INTERNAL_INVESTIGATOR = "internal_investigator", _("internal whistleblowing function")
    EXTERNAL_INVESTIGATOR = "external_investigator", _("external investigation function")
    CHIEF_EXECUTIVE = "chief_executive", _("chief executive (receives final reports)")
    CHAIR = "chair", _("chair of the executive board (receives final reports)")
    ADMIN = "admin", _("organisation admin")


# Roles that open case content: a report, or a final report.
READING_ROLES = frozenset(
    {
        Role.SCREENER,
        Role.INTERNAL_INVESTIGATOR,
        Role.EXTERNAL_INVESTIGATOR,
        Role.CHIEF_EXECUTIVE,
        Role.CHAIR,
    }
)


class Membership(models.Model):
    """One role of one person in one organisation; a person may hold several."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="memberships"
    )
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(max_length=30, choices=Role.choices)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "person", "role"], name="one_role_once_per_org"
            )
        ]

    def __str__(self):
        return f"{self.person} as {self.role} in {self.organisation}"


class SeniorOfficial(models.Model):
    """A senior official (särskild befattningshavare: e.g. the chief executive, a head of
    department). A case about one goes to external investigation (S15)."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="senior_officials"
    )
    name = models.CharField(max_length=200)
    title = models.CharField(max_length=200)
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="senior_positions",
    )
    is_chief_executive = models.BooleanField(default=False)

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return f"{self.name}, {self.title}"


# --- people: staff accounts' keys, second factors, invitations, offers, approvals ---


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
    encrypted_secret = models.BinaryField()
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
    REMOVE_ROLES = "remove_roles", _("take away a role that reads cases")
    FOUR_EYES_OFF = "four_eyes_off", _("turn four eyes off")
    ONION_ADDRESS = "onion_address", _("send Tor Browser users to another onion address")


# An approved change of a setting: the setting, and its value (None: the approval's own).
SETTING_APPROVALS = {
    ApprovalAction.FOUR_EYES_OFF: ("four_eyes", False),
    ApprovalAction.ONION_ADDRESS: ("onion_address", None),
}


class PendingApproval(models.Model):
    """A change that gives someone the power to read cases, takes it away with its keys,
    or weakens a safeguard, waiting for a second admin (four eyes). The admin who asked
    can never approve it."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.CASCADE, related_name="approvals"
    )
    action = models.CharField(max_length=20, choices=ApprovalAction.choices)
    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    roles = models.JSONField(default=list)  # the roles to add, or to take away
    value = models.CharField(max_length=100, blank=True, default="")  # a new onion address
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

    @property
    def subject(self) -> str:
        """What the change is about, as the admins are shown it."""
        if self.action == ApprovalAction.ONION_ADDRESS:
            return self.value or str(_("no onion address"))
        if self.action in SETTING_APPROVALS:
            return self.organisation.name
        return self.person.username


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
