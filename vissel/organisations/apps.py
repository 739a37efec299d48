from django.apps import AppConfig


class OrganisationsConfig(AppConfig):
    name = "vissel.organisations"
    label = "organisations"

    def ready(self):
        from vissel.organisations import checks  # noqa: F401  (registers the check)
