from django.apps import AppConfig


class WorkshopSpaceConfig(AppConfig):
    """Views, forms, urls and templates only: this space holds no model."""

    name = "spaces.workshop"
    label = "space_workshop"
