from django.apps import AppConfig


class WebConfig(AppConfig):
    name = "vissel.web"
    label = "web"
    verbose_name = "Web layer"
