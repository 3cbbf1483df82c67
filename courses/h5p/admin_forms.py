"""The admin form that uploads an H5P exercise.

The package is checked while the form is cleaned (`package_inspect`): a refused package
becomes the upload field's error, the other inputs are shown again as typed, and nothing is
stored. Only a valid form reaches `activity_store`, which writes the files and the row.
"""

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from courses.models import Competence, H5PActivity, SessionPlanPage, TrackPage

from .packages import MAX_UPLOAD_BYTES, PackageRefused, activity_store, package_inspect

PACKAGE_REQUIRED = _("Choisissez le paquet H5P (un fichier .h5p) de l'exercice.")
PACKAGE_TOO_BIG = _("Le paquet dépasse 60 Mo : allégez ses images ou vidéos.")


class SessionPlanChoiceField(forms.ModelMultipleChoiceField):
    """Session plans named after their track, which the page title alone does not say."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.track_titles = {}

    def label_from_instance(self, obj):
        track = self.track_titles.get(obj.path[: -SessionPlanPage.steplen], "")
        return _("%(track)s — Séance %(number)s : %(title)s") % {
            "track": track,
            "number": obj.number,
            "title": obj.title,
        }


class H5PActivityAdminForm(WagtailAdminModelForm):
    upload = forms.FileField(
        label=_("Paquet H5P (.h5p)"),
        required=False,
        widget=forms.FileInput(attrs={"accept": ".h5p"}),
        help_text=_("Exporté depuis Lumi, h5p.org ou un autre outil H5P ; 60 Mo au plus."),
    )
    competences = forms.ModelMultipleChoiceField(
        queryset=Competence.objects.all(),
        label=_("compétences"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    session_plans = SessionPlanChoiceField(
        queryset=SessionPlanPage.objects.none(),
        label=_("séances qui l'utilisent"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.inspected = None
        self.package_data = None
        creating = not self.instance.pk
        if creating:
            self.fields["title"].required = False
            self.fields["title"].help_text = _("Laissé vide : le titre inscrit dans le paquet.")
        else:
            self.fields["upload"].help_text = _(
                "Laissez vide pour garder le paquet actuel ; un nouveau paquet le remplace."
            )
        plans = SessionPlanPage.objects.live()
        if not creating:
            plans = plans | SessionPlanPage.objects.filter(exercises=self.instance)
        self.fields["session_plans"].queryset = plans.distinct().order_by("path")
        self.fields["session_plans"].track_titles = dict(
            TrackPage.objects.values_list("path", "title")
        )

    @property
    def may_update_libraries(self):
        """Only the platform's operators may replace a library other exercises use."""
        return bool(getattr(self.for_user, "is_superuser", False))

    def clean_upload(self):
        upload = self.cleaned_data.get("upload")
        if not upload:
            if not self.instance.pk:
                raise forms.ValidationError(PACKAGE_REQUIRED, code="required")
            return None
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(PACKAGE_TOO_BIG, code="too_big")
        data = upload.read(MAX_UPLOAD_BYTES + 1)
        try:
            self.inspected = package_inspect(data, may_update_libraries=self.may_update_libraries)
        except PackageRefused as refusal:
            raise forms.ValidationError(refusal.message, code="refused") from refusal
        self.package_data = data
        return upload

    def save(self, commit=True):
        activity = super().save(commit=False)
        if not commit:
            return activity
        if self.inspected is not None:
            activity_store(
                activity,
                self.package_data,
                self.inspected,
                user=self.for_user,
                may_update_libraries=self.may_update_libraries,
            )
        else:
            activity.save()
        self.save_m2m()
        return activity

    class Meta:
        model = H5PActivity
        fields = ["title", "instructions", "competences", "session_plans", "is_active"]
