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
