from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "vissel.audit"
    label = "audit"

    def ready(self):
        from vissel.web.rowids import randomise_rowids_of

        randomise_rowids_of(self.get_model("PendingReporterEvent"))
