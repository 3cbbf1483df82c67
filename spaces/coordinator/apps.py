from django.apps import AppConfig


class CoordinatorSpaceConfig(AppConfig):
    """Views, forms, urls and templates only: this space holds no model."""

    name = "spaces.coordinator"
    label = "space_coordinator"
