from django.apps import AppConfig


class CpeSpaceConfig(AppConfig):
    """Views, forms, urls and templates only: this space holds no model."""

    name = "spaces.cpe"
    label = "space_cpe"
