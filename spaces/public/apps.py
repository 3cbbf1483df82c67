from django.apps import AppConfig


class PublicSpaceConfig(AppConfig):
    """Views, forms, urls and templates only: this space holds no model."""

    name = "spaces.public"
    label = "space_public"
