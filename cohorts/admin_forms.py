"""Admin forms and listing filters for cohorts data.

Every choice comes from the person filling the form (`for_user`, passed by Wagtail's create
and edit views): without one, the choices stay empty. A forged id outside them is refused
by the field itself ("Sélectionnez un choix valide"), so nothing is saved.
"""

import django_filters
from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.forms import WagtailAdminModelForm

from accounts.models import Membership, Organisation, User
from accounts.scoping import LEARNER_ACCESS_ROLES
from courses.models import TrackPage

from .models import Cohort, Enrolment, Learner, Meeting, Programme
from .permissions import admin_queryset, managed_organisations

PROGRAMME_OTHER_ORGANISATION = _("Ce dispositif est porté par une autre structure.")
TRAINER_OTHER_ORGANISATION = _(
    "%(names)s n'intervient pas dans la structure du groupe (ni formateur ni coordinateur)."
)
PROGRAMME_ENDS_BEFORE_START = _("La fin du dispositif doit suivre son début.")


def trainers_of(organisations):
    """People who may lead a cohort: trainers and coordinators of `organisations`."""
    return User.objects.filter(
        pk__in=Membership.objects.filter(
            organisation__in=organisations, role__in=LEARNER_ACCESS_ROLES, is_active=True
        ).values("user_id")
    ).order_by("last_name", "first_name", "username")


class ScopedAdminForm(WagtailAdminModelForm):
    """Base of the cohorts admin forms: the structure is chosen among those one coordinates
    when creating, and fixed afterwards (the groups, sessions and enrolments hang on it)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.limit_choices(self.for_user)

    def limit_choices(self, user):
        if "organisation" in self.fields:
            organisations = managed_organisations(user).order_by("name")
            field = self.fields["organisation"]
            field.queryset = organisations
            if self.instance.pk:
                field.disabled = True
            elif len(organisations) == 1:
                field.initial = organisations[0].pk

    class Meta(WagtailAdminModelForm.Meta):
        pass


class LearnerAdminForm(ScopedAdminForm):
    class Meta(ScopedAdminForm.Meta):
        model = Learner
        fields = [
            "organisation",
            "first_name",
            "last_name",
            "phone",
            "email",
            "birth_year",
            "gender",
            "language",
            "reads_french",
            "lives_in_qpv",
            "receives_rsa",
            "is_job_seeker",
            "referred_by",
            "consent_at",
            "consent_text",
        ]


class ProgrammeAdminForm(ScopedAdminForm):
    def limit_choices(self, user):
        super().limit_choices(user)
        self.fields["funder"].queryset = Organisation.objects.filter(
            kind=Organisation.Kind.FUNDER, is_active=True
        ).order_by("name")

    def clean(self):
        cleaned = super().clean()
        starts_on, ends_on = cleaned.get("starts_on"), cleaned.get("ends_on")
        if starts_on and ends_on and ends_on < starts_on:
            self.add_error("ends_on", PROGRAMME_ENDS_BEFORE_START)
        return cleaned

    class Meta(ScopedAdminForm.Meta):
        model = Programme
        fields = [
            "name",
            "organisation",
            "funder",
            "starts_on",
            "ends_on",
            "target_places",
            "target_hours",
        ]


class CohortAdminForm(ScopedAdminForm):
    # Declared here so that Wagtail's page chooser (which browses every page) is not used:
    # a plain list of the live tracks.
    track = forms.ModelChoiceField(queryset=TrackPage.objects.none(), label=_("parcours"))
    trainers = forms.ModelMultipleChoiceField(
        queryset=User.objects.none(),
        label=_("formateurs"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def limit_choices(self, user):
        super().limit_choices(user)
        organisations = managed_organisations(user)
        self.fields["track"].queryset = TrackPage.objects.filter(
            Q(live=True) | Q(pk=self.instance.track_id)
        ).order_by("title")
        self.fields["programme"].queryset = admin_queryset(Programme, user).order_by("name")
        self.fields["trainers"].queryset = trainers_of(organisations)

    def clean(self):
        cleaned = super().clean()
        organisation = cleaned.get("organisation")
        if organisation is None:
            return cleaned
        programme = cleaned.get("programme")
        if programme is not None and programme.organisation_id != organisation.pk:
            self.add_error("programme", PROGRAMME_OTHER_ORGANISATION)
        trainers = cleaned.get("trainers")
        if trainers:
            outside = trainers.exclude(pk__in=trainers_of([organisation]))
            if outside:
                self.add_error(
                    "trainers",
                    TRAINER_OTHER_ORGANISATION % {"names": ", ".join(map(str, outside))},
                )
        return cleaned

    class Meta(ScopedAdminForm.Meta):
        model = Cohort
        fields = [
            "name",
            "organisation",
            "track",
            "programme",
            "trainers",
            "venue",
            "capacity",
            "starts_on",
            "weekday",
            "start_time",
            "every_weeks",
        ]


class MeetingAdminForm(ScopedAdminForm):
    def limit_choices(self, user):
        super().limit_choices(user)
        field = self.fields["cohort"]
        field.queryset = admin_queryset(Cohort, user).order_by("name")
        if self.instance.pk:
            field.disabled = True

    class Meta(ScopedAdminForm.Meta):
        model = Meeting
        fields = ["cohort", "number", "starts_at", "duration_minutes", "room", "status", "notes"]


class EnrolmentAddForm(ScopedAdminForm):
    """Who joins which group; the capacity and the structure are checked by `learner_enrol`."""

    def limit_choices(self, user):
        super().limit_choices(user)
        self.fields["cohort"].queryset = admin_queryset(Cohort, user).order_by("name")
        self.fields["learner"].queryset = admin_queryset(Learner, user)

    class Meta(ScopedAdminForm.Meta):
        model = Enrolment
        fields = ["cohort", "learner"]


class EnrolmentEditForm(ScopedAdminForm):
    class Meta(ScopedAdminForm.Meta):
        model = Enrolment
        fields = ["status", "drop_reason"]


# Listing filters: a choice that names a structure, a group or a programme lists only the
# ones the person manages.


def _organisations(request):
    return managed_organisations(request.user).order_by("name")


def _cohorts(request):
    return admin_queryset(Cohort, request.user).order_by("name")


def _programmes(request):
    return admin_queryset(Programme, request.user).order_by("name")


def _funders(request):
    return Organisation.objects.filter(
        funded_programmes__in=admin_queryset(Programme, request.user)
    ).distinct()


class LearnerFilterSet(WagtailFilterSet):
    organisation = django_filters.ModelChoiceFilter(label=_("structure"), queryset=_organisations)

    class Meta:
        model = Learner
        fields = ["organisation", "lives_in_qpv", "receives_rsa", "is_job_seeker"]


class ProgrammeFilterSet(WagtailFilterSet):
    organisation = django_filters.ModelChoiceFilter(label=_("structure"), queryset=_organisations)
    funder = django_filters.ModelChoiceFilter(label=_("financeur"), queryset=_funders)

    class Meta:
        model = Programme
        fields = ["organisation", "funder"]


class CohortFilterSet(WagtailFilterSet):
    organisation = django_filters.ModelChoiceFilter(label=_("structure"), queryset=_organisations)
    track = django_filters.ModelChoiceFilter(
        label=_("parcours"), queryset=TrackPage.objects.live().order_by("title")
    )
    programme = django_filters.ModelChoiceFilter(label=_("dispositif"), queryset=_programmes)

    class Meta:
        model = Cohort
        fields = ["organisation", "track", "programme", "weekday"]


class MeetingFilterSet(WagtailFilterSet):
    cohort = django_filters.ModelChoiceFilter(label=_("groupe"), queryset=_cohorts)

    class Meta:
        model = Meeting
        fields = ["cohort", "status"]


class EnrolmentFilterSet(WagtailFilterSet):
    cohort = django_filters.ModelChoiceFilter(label=_("groupe"), queryset=_cohorts)

    class Meta:
        model = Enrolment
        fields = ["cohort", "status"]
