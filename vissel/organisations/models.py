from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

RESERVED_SLUGS = {"staff", "static", "admin", "api", "media", "health"}


class Organisation(models.Model):
    slug = models.SlugField(max_length=60, unique=True)
    name = models.CharField(max_length=200)
    default_language = models.CharField(max_length=8, default="sv")
    languages = models.JSONField(default=list)  # e.g. ["sv", "en"], default first
    intro = models.JSONField(default=dict, blank=True)  # language -> text
    max_file_mb = models.PositiveIntegerField(default=settings.VISSEL_MAX_FILE_MB)
    max_total_mb = models.PositiveIntegerField(default=settings.VISSEL_MAX_TOTAL_MB)
    max_files = models.PositiveIntegerField(default=settings.VISSEL_MAX_FILES)
    acknowledgement_days = models.PositiveIntegerField(default=7)
    feedback_months = models.PositiveIntegerField(default=3)
    # Personal data is erased this long after a case closes.
    retention_years = models.PositiveIntegerField(default=2)
    # Optional: the public half of a recovery key pair whose private half was printed
    # once at set-up. Every case key is also sealed to it (vissel recover-access).
    recovery_public_key = models.BinaryField(null=True, blank=True)
    # Giving someone a role that reads cases, or resetting such an account, waits for a
    # second admin's approval while the organisation has two admins or more.
    four_eyes = models.BooleanField(default=True)
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

    def intro_in(self, language: str) -> str:
        return self.intro.get(language) or self.intro.get(self.default_language, "")


class Category(models.Model):
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="categories"
    )
    key = models.SlugField(max_length=60)
    names = models.JSONField(default=dict)  # language -> name
    position = models.PositiveIntegerField(default=0)
    is_active = models.BooleanField(default=True)

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


from vissel.organisations.people.models import (  # noqa: E402, F401  (models of this app)
    AccountNotice,
    Invitation,
    PendingApproval,
    RoleOffer,
    SecondFactor,
    StaffKeyPair,
)
