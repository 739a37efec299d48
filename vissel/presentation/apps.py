from django.apps import AppConfig


class PresentationConfig(AppConfig):
    name = "vissel.presentation"
    label = "presentation"
