from django.apps import AppConfig


class EvidenceConfig(AppConfig):
    name = "vissel.evidence"
    label = "evidence"

    def ready(self):
        from vissel.evidence import checks  # noqa: F401  (registers the checks)
        from vissel.web.rowids import randomise_rowids_of

        randomise_rowids_of(self.get_model("EvidenceFile"))
