from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "vissel.reports"
    label = "reports"
