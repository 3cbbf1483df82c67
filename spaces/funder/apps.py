from django.apps import AppConfig


class FunderSpaceConfig(AppConfig):
    """Views, forms, urls and templates only: this space holds no model."""

    name = "spaces.funder"
    label = "space_funder"
