from django.apps import AppConfig


class StaffConfig(AppConfig):
    name = "vissel.staff"
    label = "staff"
