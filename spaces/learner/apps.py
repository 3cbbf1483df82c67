from django.apps import AppConfig


class LearnerSpaceConfig(AppConfig):
    """Views, forms, urls and templates only: this space holds no model."""

    name = "spaces.learner"
    label = "space_learner"
