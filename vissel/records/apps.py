from django.apps import AppConfig


class RecordsConfig(AppConfig):
    name = "vissel.records"
    label = "records"
