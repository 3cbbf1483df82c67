"""The learner's page in the admin links to their personal data (export, erasure)."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.widgets import Button

from cohorts.wagtail_hooks import LEARNER_BUTTONS_HOOK


@hooks.register(LEARNER_BUTTONS_HOOK)
def learner_personal_data_button(request, learner):
    return [
        Button(
            _("Données personnelles (RGPD)"),
            url=reverse("privacy:learner_file", args=[learner.pk]),
            icon_name="lock",
            priority=40,
        )
    ]
