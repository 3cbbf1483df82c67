"""The form that starts an assisted diagnostic: it parses input, the services decide.

The learner accounts offered are only those the trainer may see."""

from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.models import LearnerAccount
from courses.models import TrackPage
from diagnostics.models import Assessment, Questionnaire


class AssistedStartForm(forms.Form):
    person_name = forms.CharField(
        label=_("Prénom et nom de la personne"),
        max_length=200,
        required=False,
        help_text=_("Laissez vide si la personne a un accès apprenant choisi ci-dessous."),
    )
    learner_account = forms.ModelChoiceField(
        label=_("Accès apprenant (facultatif)"),
        queryset=LearnerAccount.objects.none(),
        required=False,
    )
    organisation = forms.ChoiceField(label=_("Structure"))
    audience = forms.ChoiceField(
        label=_("Public"), choices=TrackPage.Audience.choices, initial="general"
    )
    phase = forms.ChoiceField(
        label=_("Moment"), choices=Assessment.Phase.choices, initial="initial"
    )
    questionnaire = forms.ModelChoiceField(
        label=_("Questionnaire"),
        queryset=Questionnaire.objects.exclude(current_version=None),
        empty_label=None,
    )

    def __init__(self, *args, user, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["learner_account"].queryset = (
            LearnerAccount.objects.visible_to(user)
            .select_related("user")
            .order_by("user__last_name")
        )
        self.fields["organisation"].choices = [(o.pk, o.name) for o in organisations]
        self.organisations = {str(o.pk): o for o in organisations}

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("person_name") and not cleaned.get("learner_account"):
            raise forms.ValidationError(
                _("Écrivez le nom de la personne ou choisissez son accès apprenant.")
            )
        return cleaned
