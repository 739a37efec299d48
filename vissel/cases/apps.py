from django.apps import AppConfig


class CasesConfig(AppConfig):
    name = "vissel.cases"
    label = "cases"
