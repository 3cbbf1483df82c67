"""Admin: learners, groups, sessions, enrolments and programmes, for coordinators.

Every viewset is a `core.admin.ScopedModelViewSet`: every view reads through the viewset's
`get_queryset(request)`, `visible_to` narrowed to the organisations the person coordinates
(the `CoordinatorPermissionPolicy` registered in `CohortsConfig.ready()`). Another
organisation's rows are absent from listings, filters and exports, and give 404 on every URL
that takes an id. Nothing is written to Wagtail's audit log.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count, Q
from django.shortcuts import redirect
from django.urls import NoReverseMatch, reverse
from django.utils.functional import cached_property
from django.utils.text import capfirst
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.tables import BooleanColumn, Column, DateColumn
from wagtail.admin.viewsets.model import ModelViewSetGroup

from core.admin import (
    ScopedCreateView,
    ScopedDeleteView,
    ScopedEditView,
    ScopedInspectView,
    ScopedModelViewSet,
)

from . import audit, referrals, services
from .admin_forms import (
    CohortAdminForm,
    CohortFilterSet,
    EnrolmentAddForm,
    EnrolmentEditForm,
    EnrolmentFilterSet,
    LearnerAdminForm,
    LearnerFilterSet,
    MeetingAdminForm,
    MeetingFilterSet,
    ProgrammeAdminForm,
    ProgrammeFilterSet,
)
from .models import Attendance, Cohort, Enrolment, Learner, Meeting, Programme

COHORT_HAS_ROLL_CALLS = _(
    "« %(object)s » n'a pas été supprimé : l'appel a déjà été fait à certaines séances."
)


# Apps to the right (privacy) add buttons to a learner's page through this hook: a function
# taking (request, learner) and returning a list of wagtail.admin.widgets.Button.
LEARNER_BUTTONS_HOOK = "cohorts_learner_buttons"


class LearnerInspectView(ScopedInspectView):
    """A learner's file: each view is written to the audit log (cohorts.audit)."""

    def get(self, request, *args, **kwargs):
        response = super().get(request, *args, **kwargs)
        audit.record(
            actor=request.user, learner=self.object, action=audit.Action.VIEWED, detail="admin"
        )
        return response

    @cached_property
    def header_more_buttons(self):
        buttons = list(super().header_more_buttons)
        for hook in hooks.get_hooks(LEARNER_BUTTONS_HOOK):
            buttons.extend(hook(self.request, self.object))
        return buttons

    def get_field_label(self, field_name, field):
        if field_name == "cohorts":
            return capfirst(gettext("groupes"))
        return super().get_field_label(field_name, field)

    def get_cohorts_display_value(self):
        enrolments = (
            Enrolment.objects.visible_to(self.request.user)
            .filter(learner=self.object)
            .select_related("cohort")
            .order_by("-enrolled_at")
        )
        return ", ".join(f"{e.cohort} ({e.get_status_display()})" for e in enrolments) or "-"


class LearnerEditView(ScopedEditView):
    """Opening a learner's form shows the file, saving it changes it: both are logged."""

    def get(self, request, *args, **kwargs):
        response = super().get(request, *args, **kwargs)
        audit.record(
            actor=request.user, learner=self.object, action=audit.Action.VIEWED, detail="admin"
        )
        return response

    def save_instance(self):
        instance = super().save_instance()
        audit.record(
            actor=self.request.user, learner=instance, action=audit.Action.CHANGED, detail="admin"
        )
        return instance


class LearnerViewSet(ScopedModelViewSet):
    model = Learner
    name = "cohorts_learner"
    url_prefix = "cohorts/learners"
    icon = "user"
    menu_label = _("Apprenants")
    add_form_class = LearnerAdminForm
    inspect_view_enabled = True
    inspect_view_class = LearnerInspectView
    edit_view_class = LearnerEditView
    inspect_view_fields = [
        "first_name",
        "last_name",
        "organisation",
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
        "cohorts",
        "consent_at",
        "consent_text",
        "created_at",
    ]
    list_display = [
        "last_name",
        "first_name",
        "phone",
        "organisation",
        BooleanColumn("lives_in_qpv", label=_("QPV"), sort_key="lives_in_qpv"),
        DateColumn("consent_at", label=_("Consentement"), sort_key="consent_at"),
    ]
    filterset_class = LearnerFilterSet
    search_fields = ["first_name", "last_name", "phone", "email"]
    ordering = ["last_name", "first_name"]
    list_export = [
        "last_name",
        "first_name",
        "phone",
        "email",
        "organisation",
        "birth_year",
        "lives_in_qpv",
        "receives_rsa",
        "is_job_seeker",
        "referred_by",
        "consent_at",
    ]
    export_filename = "apprenants"

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("organisation")


class ProgrammeViewSet(ScopedModelViewSet):
    model = Programme
    name = "cohorts_programme"
    url_prefix = "cohorts/programmes"
    icon = "table"
    menu_label = _("Dispositifs")
    add_form_class = ProgrammeAdminForm
    list_display = [
        "name",
        "funder",
        "starts_on",
        "ends_on",
        "target_places",
        "target_hours",
    ]
    filterset_class = ProgrammeFilterSet
    search_fields = ["name"]
    ordering = ["-starts_on", "name"]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("funder")


def cohort_rhythm(cohort):
    day = f"{cohort.get_weekday_display()} {cohort.start_time:%H:%M}"
    if cohort.every_weeks == 1:
        return gettext("%(day)s, chaque semaine") % {"day": day}
    return gettext("%(day)s, toutes les %(weeks)s semaines") % {
        "day": day,
        "weeks": cohort.every_weeks,
    }


class CohortCreateView(ScopedCreateView):
    def save_instance(self):
        cohort = super().save_instance()
        services.cohort_generate_meetings(cohort=cohort)
        return cohort


class CohortDeleteView(ScopedDeleteView):
    def form_valid(self, form):
        # The roll calls feed the funders' figures: a group that has met stays.
        if Attendance.objects.filter(meeting__cohort=self.object).exists():
            messages.error(self.request, COHORT_HAS_ROLL_CALLS % {"object": self.object})
            return redirect(self.get_success_url())
        return super().form_valid(form)


class CohortViewSet(ScopedModelViewSet):
    model = Cohort
    name = "cohorts_cohort"
    url_prefix = "cohorts/groups"
    icon = "group"
    menu_label = _("Groupes")
    add_form_class = CohortAdminForm
    add_view_class = CohortCreateView
    delete_view_class = CohortDeleteView
    list_display = [
        "name",
        "track",
        "starts_on",
        Column("rhythm", label=_("Rythme"), accessor=cohort_rhythm),
        "capacity",
        Column("enrolled_count", label=_("Inscrits"), sort_key="enrolled_count"),
    ]
    filterset_class = CohortFilterSet
    search_fields = ["name", "venue"]
    ordering = ["-starts_on", "name"]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .select_related("track")
            .annotate(
                enrolled_count=Count(
                    "enrolments", filter=~Q(enrolments__status=Enrolment.Status.DROPPED)
                )
            )
        )


class MeetingViewSet(ScopedModelViewSet):
    model = Meeting
    name = "cohorts_meeting"
    url_prefix = "cohorts/meetings"
    icon = "calendar"
    menu_label = _("Séances")
    add_form_class = MeetingAdminForm
    list_display = ["cohort", "number", "starts_at", "room", "status"]
    filterset_class = MeetingFilterSet
    search_fields = ["cohort__name", "room"]
    ordering = ["-starts_at"]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("cohort")


class EnrolmentCreateView(ScopedCreateView):
    def save_instance(self):
        return services.learner_enrol(
            cohort=self.form.cleaned_data["cohort"], learner=self.form.cleaned_data["learner"]
        )

    def form_valid(self, form):
        try:
            return super().form_valid(form)
        except ValidationError as error:
            form.add_error(None, error)
            self.produced_error_code = "validation_error"
            self.produced_error_message = self.get_error_message()
            return self.form_invalid(form)


class EnrolmentViewSet(ScopedModelViewSet):
    model = Enrolment
    name = "cohorts_enrolment"
    url_prefix = "cohorts/enrolments"
    icon = "list-ul"
    menu_label = _("Inscriptions")
    add_form_class = EnrolmentAddForm
    edit_form_class = EnrolmentEditForm
    add_view_class = EnrolmentCreateView
    list_display = ["learner", "cohort", "status", "enrolled_at"]
    filterset_class = EnrolmentFilterSet
    search_fields = ["learner__first_name", "learner__last_name", "cohort__name"]
    ordering = ["-enrolled_at"]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("learner", "cohort")


class CohortsViewSetGroup(ModelViewSetGroup):
    items = (LearnerViewSet, CohortViewSet, MeetingViewSet, EnrolmentViewSet, ProgrammeViewSet)
    menu_label = _("Groupes et apprenants")
    menu_icon = "group"
    menu_order = 200
    submenu_hook = "register_cohorts_menu_item"


@hooks.register("register_admin_viewset")
def register_cohorts_viewsets():
    return CohortsViewSetGroup()


class LearnerImportMenuItem(MenuItem):
    def is_shown(self, request):
        return bool(self.url) and request.user.has_perm("cohorts.add_learner")


@hooks.register("register_cohorts_menu_item")
def learner_import_menu_item():
    try:
        url = reverse("cohorts:learner_import")
    except NoReverseMatch:  # the import is built separately: hide the entry until it exists
        url = ""
    return LearnerImportMenuItem(
        _("Importer des apprenants"), url, name="learner-import", icon_name="upload", order=100
    )


class ReferralQueueMenuItem(MenuItem):
    """Referrals received by the coordinator's associations, with the count still pending."""

    def is_shown(self, request):
        user = request.user
        return user.is_superuser or "coordinator" in user.active_roles()

    def render_component(self, request):
        component = super().render_component(request)
        pending = referrals.pending_count(actor=request.user)
        if pending:
            component.label = gettext("%(label)s (%(count)s)") % {
                "label": self.label,
                "count": pending,
            }
        return component


@hooks.register("register_admin_menu_item")
def referral_queue_menu_item():
    return ReferralQueueMenuItem(
        _("Orientations reçues"),
        reverse("cohorts:referral_queue"),
        name="referral-queue",
        icon_name="mail",
        order=210,
    )
