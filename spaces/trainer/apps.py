from django.apps import AppConfig


class TrainerSpaceConfig(AppConfig):
    """Views, forms, urls and templates only: this space holds no model."""

    name = "spaces.trainer"
    label = "space_trainer"
