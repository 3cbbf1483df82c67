"""Course content: competences, tracks (parcours) and session plans, edited in Wagtail."""

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Sum
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from core.durations import format_clock, format_duration

from ..blocks import ACTIVITY_LABELS, HandoutStreamBlock, StepBlock, VocabularyBlock

STEPS_TOTAL_MISMATCH = _(
    "Les étapes durent %(steps)s minutes en tout, mais la séance dure %(duration)s minutes. "
    "Corrigez une durée pour que les deux soient égales."
)
SESSION_NUMBER_TAKEN = _("La séance n° %(number)s existe déjà dans ce parcours.")
SESSION_NUMBER_GAP = _(
    "Les séances se suivent sans trou : ce parcours a %(count)s séance(s), le numéro de cette "
    "séance doit être entre 1 et %(max)s."
)
TRACK_NEEDS_SESSION = _(
    "Un cycle ou un atelier publié a au moins une séance publiée. Ajoutez et publiez une "
    "séance, puis publiez le parcours (seul le format « aide individuelle » n'a pas de séance)."
)
TRACK_NUMBERING_GAP = _(
    "Les séances de ce parcours doivent être numérotées de 1 à %(count)s sans trou "
    "(numéros actuels : %(numbers)s)."
)


class Competence(index.Indexed, models.Model):
    """A competence of the national framework (PIX / CRCN) or a basic skill for beginners."""

    class Domain(models.TextChoices):
        BASICS = "0", _("Compétences de base")
        INFORMATION = "1", _("Information et données")
        COMMUNICATION = "2", _("Communication et collaboration")
        CREATION = "3", _("Création de contenu")
        SECURITY = "4", _("Protection et sécurité")
        ENVIRONMENT = "5", _("Environnement numérique")

    code = models.CharField(_("code"), max_length=10, unique=True)
    name = models.CharField(_("nom"), max_length=200)
    domain = models.CharField(_("domaine"), max_length=1, choices=Domain.choices)
    description = models.TextField(_("description"), blank=True)

    panels = [
        FieldPanel("code"),
        FieldPanel("name"),
        FieldPanel("domain"),
        FieldPanel("description"),
    ]
    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        index.FilterField("domain"),
    ]

    class Meta:
        verbose_name = _("compétence")
        verbose_name_plural = _("compétences")
        ordering = ["domain", "code"]

    def __str__(self):
        return f"{self.code} {self.name}"


class CourseIndexPage(Page):
    """The catalogue of tracks."""

    intro = models.TextField(_("introduction"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["cms.HomePage"]
    subpage_types = ["courses.TrackPage"]
    template = "courses/course_index_page.html"

    class Meta:
        verbose_name = _("catalogue des parcours")

    def live_tracks(self):
        return TrackPage.objects.child_of(self).live().order_by("title")


class TrackPageForm(WagtailAdminPageForm):
    def clean(self):
        cleaned = super().clean()
        track = self.instance
        if not track.pk:
            if (
                self.data.get("action-publish")
                and cleaned.get("format") != TrackPage.Format.INDIVIDUAL_HELP
            ):
                raise ValidationError(TRACK_NEEDS_SESSION)
            return cleaned
        numbers = list(
            SessionPlanPage.objects.child_of(track)
            .order_by("number")
            .values_list("number", flat=True)
        )
        if numbers != list(range(1, len(numbers) + 1)):
            raise ValidationError(
                TRACK_NUMBERING_GAP,
                params={"count": len(numbers), "numbers": ", ".join(map(str, numbers))},
            )
        publishing = bool(self.data.get("action-publish"))
        if publishing and cleaned.get("format") != TrackPage.Format.INDIVIDUAL_HELP:
            if not SessionPlanPage.objects.child_of(track).live().exists():
                raise ValidationError(TRACK_NEEDS_SESSION)
        return cleaned


class TrackPage(Page):
    """A parcours: who it is for, its level and format, and its session plans as children."""

    class Audience(models.TextChoices):
        GENERAL = "general", _("Tout public")
        JOB_SEEKERS = "job_seekers", _("Demandeurs d'emploi")
        PARENTS = "parents", _("Parents")
        YOUNG = "young", _("Jeunes")
        SENIORS = "seniors", _("Seniors")
        ALLOPHONES = "allophones", _("Personnes allophones")

    class Level(models.TextChoices):
        BEGINNER = "beginner", _("Débutant")
        INTERMEDIATE = "intermediate", _("Intermédiaire")
        ADVANCED = "advanced", _("Avancé")
        ALL = "all", _("Tous niveaux")

    class Format(models.TextChoices):
        GROUP_CYCLE = "group_cycle", _("Cycle en groupe")
        WORKSHOP = "workshop", _("Atelier thématique")
        INDIVIDUAL_HELP = "individual_help", _("Aide individuelle")

    class CompletionRule(models.TextChoices):
        ALL_SESSIONS = "all_sessions", _("Présent à toutes les séances")
        ATTENDANCE_SHARE = "attendance_share", _("Présent à une part minimale des heures")
        MANDATORY_SESSIONS = "mandatory_sessions", _("Présent à toutes les séances obligatoires")
        NONE = "none", _("Pas de fin de parcours (aide individuelle)")

    audience = models.CharField(_("public"), max_length=20, choices=Audience.choices)
    level = models.CharField(_("niveau"), max_length=20, choices=Level.choices)
    format = models.CharField(_("format"), max_length=20, choices=Format.choices)
    summary = models.TextField(_("présentation pour l'équipe"))
    learner_intro = models.TextField(
        _("présentation pour les apprenants"), help_text=_("En français facile : phrases courtes.")
    )
    completion_rule = models.CharField(
        _("règle de fin de parcours"), max_length=20, choices=CompletionRule.choices
    )
    completion_min_percent = models.PositiveSmallIntegerField(
        _("part minimale des heures (%)"),
        default=80,
        help_text=_("Utilisée avec la règle « part minimale des heures »."),
    )
    device_handover = models.BooleanField(_("ordinateur remis à la dernière séance"), default=False)
    one_device_per_family = models.BooleanField(
        _("un seul appareil par foyer"),
        default=False,
        help_text=_(
            "Par exemple pour le parcours parents : deux parents d'un même foyer, un appareil."
        ),
    )

    content_panels = [
        *Page.content_panels,
        FieldRowPanel([FieldPanel("audience"), FieldPanel("level"), FieldPanel("format")]),
        FieldPanel("summary"),
        FieldPanel("learner_intro"),
        MultiFieldPanel(
            [
                FieldPanel("completion_rule"),
                FieldPanel("completion_min_percent"),
                FieldPanel("device_handover"),
                FieldPanel("one_device_per_family"),
            ],
            heading=_("Fin de parcours"),
        ),
    ]
    search_fields = [*Page.search_fields, index.SearchField("summary")]
    parent_page_types = ["courses.CourseIndexPage"]
    subpage_types = ["courses.SessionPlanPage"]
    base_form_class = TrackPageForm
    template = "courses/track_page.html"

    class Meta:
        verbose_name = _("parcours")
        verbose_name_plural = _("parcours")

    def clean(self):
        super().clean()
        if not 1 <= self.completion_min_percent <= 100:
            raise ValidationError(
                {"completion_min_percent": _("Donnez un pourcentage entre 1 et 100.")}
            )

    def get_admin_display_title(self):
        """The explorer shows each track's derived total beside its title."""
        title = super().get_admin_display_title()
        if self.format == self.Format.INDIVIDUAL_HELP:
            return f"{title} — {self.get_format_display()}"
        return f"{title} — {self.total_hours_display}"

    def sessions(self):
        """The live session plans, in order."""
        return SessionPlanPage.objects.child_of(self).live().order_by("number")

    @property
    def total_minutes(self):
        """Derived from the sessions, never typed: the sum of the live sessions' durations."""
        if not hasattr(self, "_total_minutes"):
            self._total_minutes = (
                self.sessions().aggregate(total=Sum("duration_minutes"))["total"] or 0
            )
        return self._total_minutes

    @property
    def total_hours_display(self):
        return format_duration(self.total_minutes)


class SessionPlanPageForm(WagtailAdminPageForm):
    def clean(self):
        cleaned = super().clean()
        number = cleaned.get("number")
        track = self.parent_page if not self.instance.pk else self.instance.get_parent()
        if number is None or track is None:
            return cleaned
        siblings = SessionPlanPage.objects.child_of(track)
        if self.instance.pk:
            siblings = siblings.exclude(pk=self.instance.pk)
        if siblings.filter(number=number).exists():
            self.add_error("number", SESSION_NUMBER_TAKEN % {"number": number})
        elif number > siblings.count() + 1:
            count = siblings.count()
            self.add_error("number", SESSION_NUMBER_GAP % {"count": count, "max": count + 1})
        return cleaned


class SessionPlanPage(Page):
    """One session of a track: its plan for the trainer and its summary for the learners."""

    number = models.PositiveSmallIntegerField(_("numéro de la séance"))
    duration_minutes = models.PositiveSmallIntegerField(
        _("durée (minutes)"), default=120, help_text=_("Les étapes doivent faire ce total.")
    )
    mandatory = models.BooleanField(
        _("séance obligatoire"),
        default=True,
        help_text=_("Compte pour la règle « présent à toutes les séances obligatoires »."),
    )
    objectives = models.TextField(_("objectifs"), help_text=_("Un objectif par ligne."))
    competences = ParentalManyToManyField(
        Competence, verbose_name=_("compétences travaillées"), blank=True, related_name="sessions"
    )
    steps = StreamField([("step", StepBlock())], verbose_name=_("déroulé"))
    vocabulary = StreamField(
        [("term", VocabularyBlock())], verbose_name=_("vocabulaire"), blank=True
    )
    handout = StreamField(HandoutStreamBlock(), verbose_name=_("fiche récapitulative"), blank=True)

    content_panels = [
        *Page.content_panels,
        FieldRowPanel(
            [FieldPanel("number"), FieldPanel("duration_minutes"), FieldPanel("mandatory")]
        ),
        FieldPanel("objectives"),
        FieldPanel("competences", widget=forms.CheckboxSelectMultiple),
        FieldPanel("steps"),
        FieldPanel("vocabulary"),
        FieldPanel("handout"),
    ]
    search_fields = [*Page.search_fields, index.SearchField("objectives")]
    parent_page_types = ["courses.TrackPage"]
    subpage_types = []
    base_form_class = SessionPlanPageForm
    template = "courses/session_plan_page.html"

    class Meta:
        verbose_name = _("séance")
        verbose_name_plural = _("séances")

    def clean(self):
        super().clean()
        steps_total = self.steps_total_minutes()
        if steps_total != self.duration_minutes:
            raise ValidationError(
                {
                    "steps": ValidationError(
                        STEPS_TOTAL_MISMATCH,
                        params={"steps": steps_total, "duration": self.duration_minutes},
                    )
                }
            )

    def get_admin_display_title(self):
        return f"{self.number}. {super().get_admin_display_title()} ({self.duration_display})"

    def steps_total_minutes(self):
        return sum(
            block.value["duration"] or 0 for block in self.steps if block.block_type == "step"
        )

    def objective_list(self):
        return [line.strip() for line in self.objectives.splitlines() if line.strip()]

    def timed_steps(self):
        """Steps with their start time from the beginning of the session (for the trainer)."""
        start = 0
        timed = []
        for block in self.steps:
            value = block.value
            timed.append(
                {
                    "value": value,
                    "start": format_clock(start),
                    "activity": ACTIVITY_LABELS.get(value["activity"], value["activity"]),
                }
            )
            start += value["duration"] or 0
        return timed

    @property
    def duration_display(self):
        return format_duration(self.duration_minutes)
