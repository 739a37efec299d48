from django.apps import AppConfig


class EvidenceConfig(AppConfig):
    name = "vissel.evidence"
    label = "evidence"
