from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CohortsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "cohorts"
    verbose_name = _("Groupes et présences")

    def ready(self):
        # Wagtail 8 looks permission policies up in a registry; a policy must be registered
        # before anything asks for it, or Wagtail builds a plain model-level one.
        from wagtail.permissions import register_permission_policy

        from .models import Cohort, Enrolment, Learner, Meeting, Programme
        from .permissions import CoordinatorPermissionPolicy

        for model, organisation_field in (
            (Learner, "organisation"),
            (Programme, "organisation"),
            (Cohort, "organisation"),
            (Meeting, "cohort__organisation"),
            (Enrolment, "cohort__organisation"),
        ):
            register_permission_policy(
                model, CoordinatorPermissionPolicy(model, organisation_field)
            )
