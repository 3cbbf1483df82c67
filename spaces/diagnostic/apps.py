from django.apps import AppConfig


class DiagnosticSpaceConfig(AppConfig):
    """Views, forms, urls and templates only: this space holds no model."""

    name = "spaces.diagnostic"
    label = "space_diagnostic"
