import uuid

from django.db import models


class EvidenceFile(models.Model):
    """A file of a case. Its name, type, size and cleaning report are sealed together
    under the case key (`encrypted_meta`); its bytes are an encrypted stream on disk."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="files")
    message = models.ForeignKey(
        "cases.Message", on_delete=models.CASCADE, null=True, blank=True, related_name="files"
    )
    storage_name = models.CharField(max_length=64, unique=True)
    encrypted_meta = models.BinaryField()
    added_on = models.DateField()
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["added_on", "position"]

    def __str__(self):
        return f"file {self.pk} of case {self.case_id}"  # never its name
