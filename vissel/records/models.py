import uuid

from django.conf import settings
from django.db import models


class RegisterCounter(models.Model):
    """The last register number given in an organisation's year. Its row is locked by
    the transaction that opens a case, so numbers are given one at a time and a case
    that is rolled back gives its number back: the register has no gaps."""

    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.CASCADE, related_name="+"
    )
    year = models.PositiveIntegerField()
    last = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "year"], name="one_register_counter_per_year"
            )
        ]

    def __str__(self):
        return f"register {self.organisation_id}/{self.year}: {self.last}"


class HalfYearSummary(models.Model):
    """A half-year summary delivered to an organisation's internal function (S16). Its
    entries are read from the cases' plain, content-free fields whenever it is shown, so
    only the delivery is kept: one row per organisation and half year, made by the first
    `vissel tick` on or after 1 January and 1 July (two ticks at once make it once)."""

    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.CASCADE, related_name="+"
    )
    starts_on = models.DateField()
    ends_on = models.DateField()
    delivered_on = models.DateField()
    mailed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-starts_on"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "starts_on"], name="one_summary_per_half_year"
            )
        ]

    def __str__(self):
        return f"summary {self.organisation_id} {self.starts_on}–{self.ends_on}"


class SecrecyMark(models.Model):
    """A passage of one of a case's texts that the secrecy review found secret, with its
    legal basis. Which text, where and why are encrypted under the case key like the
    text itself: a mark says what is sensitive."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="secrecy_marks")
    encrypted_mark = models.BinaryField()  # {"text": key, "start", "end", "basis"}
    marked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    marked_on = models.DateField()

    def __str__(self):
        return f"secrecy mark in {self.case_id}"


class Release(models.Model):
    """A copy of a case released on request after the secrecy review. The audit trail
    records who released which version (the digest of the PDF) and when; to whom, as
    the reader typed it, is kept encrypted here (it may name a person)."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="releases")
    released_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    released_on = models.DateField()
    digest = models.CharField(max_length=64)  # SHA-256 of the released PDF
    encrypted_recipient = models.BinaryField()

    class Meta:
        ordering = ["released_on"]

    def __str__(self):
        return f"release of {self.case_id} on {self.released_on}"
