from django.apps import AppConfig


class PrescriberSpaceConfig(AppConfig):
    """Views, forms, urls and templates only: this space holds no model."""

    name = "spaces.prescriber"
    label = "space_prescriber"
