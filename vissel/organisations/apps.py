from django.apps import AppConfig


class OrganisationsConfig(AppConfig):
    name = "vissel.organisations"
    label = "organisations"
