"""Learners, programmes, cohorts, meetings, enrolments, attendance and individual help."""

import datetime

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from accounts.querysets import LEARNER_ACCESS_ROLES, organisation_ids_for
from courses.models import SessionPlanPage, TrackPage


def staff_scope(queryset, user, field="organisation_id"):
    if user is None or not user.is_authenticated:
        return queryset.none()
    if user.is_superuser:
        return queryset
    return queryset.filter(**{f"{field}__in": organisation_ids_for(user, LEARNER_ACCESS_ROLES)})


class LearnerQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Learners of the organisations where the user coordinates or trains."""
        return staff_scope(self, user)


class Learner(models.Model):
    """A person followed by a structure: the minimum it needs, and the consent given."""

    class Gender(models.TextChoices):
        FEMALE = "F", _("Femme")
        MALE = "M", _("Homme")
        UNSAID = "", _("Non communiqué")

    organisation = models.ForeignKey(
        "accounts.Organisation",
        verbose_name=_("structure"),
        on_delete=models.PROTECT,
        related_name="learners",
    )
    first_name = models.CharField(_("prénom"), max_length=100)
    last_name = models.CharField(_("nom"), max_length=100)
    phone = models.CharField(_("téléphone"), max_length=20, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    birth_year = models.PositiveSmallIntegerField(_("année de naissance"), null=True, blank=True)
    gender = models.CharField(_("genre"), max_length=1, choices=Gender.choices, blank=True)
    language = models.CharField(_("langue"), max_length=20, default="fr")
    reads_french = models.BooleanField(_("lit le français"), default=True)
    lives_in_qpv = models.BooleanField(_("habite un quartier prioritaire (QPV)"), default=False)
    receives_rsa = models.BooleanField(_("reçoit le RSA"), default=False)
    is_job_seeker = models.BooleanField(_("demandeur d'emploi"), default=False)
    referred_by = models.CharField(_("orienté par"), max_length=200, blank=True)
    child_class = models.CharField(
        _("classe de l'enfant"),
        max_length=50,
        blank=True,
        help_text=_("Pour le parcours parents : par exemple 6e B."),
    )
    household = models.CharField(
        _("foyer"),
        max_length=100,
        blank=True,
        help_text=_(
            "La même valeur pour les personnes d'un même foyer (par exemple le nom de l'enfant "
            "et sa classe) : un seul appareil par foyer sur les parcours qui le demandent."
        ),
    )
    consent_at = models.DateTimeField(_("consentement donné le"), null=True, blank=True)
    consent_text = models.TextField(_("texte du consentement"), blank=True)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("accès apprenant"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="learner_file",
    )
    created_at = models.DateTimeField(_("créé le"), auto_now_add=True)

    objects = LearnerQuerySet.as_manager()

    class Meta:
        verbose_name = _("apprenant")
        verbose_name_plural = _("apprenants")
        ordering = ["last_name", "first_name"]
        indexes = [models.Index(fields=["organisation", "last_name"])]

    def __str__(self):
        return f"{self.first_name} {self.last_name}"


class ProgrammeQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Programmes run by the organisations where the user coordinates or trains."""
        return staff_scope(self, user)


class Programme(models.Model):
    """A dispositif: who funds it, for which period, with which targets."""

    funder = models.ForeignKey(
        "accounts.Organisation",
        verbose_name=_("financeur"),
        on_delete=models.PROTECT,
        related_name="funded_programmes",
        limit_choices_to={"kind": "funder"},
    )
    organisation = models.ForeignKey(
        "accounts.Organisation",
        verbose_name=_("structure"),
        on_delete=models.PROTECT,
        related_name="programmes",
    )
    name = models.CharField(_("nom"), max_length=200)
    starts_on = models.DateField(_("début"))
    ends_on = models.DateField(_("fin"))
    target_places = models.PositiveIntegerField(_("places prévues"), default=0)
    target_hours = models.PositiveIntegerField(_("heures prévues"), default=0)

    objects = ProgrammeQuerySet.as_manager()

    class Meta:
        verbose_name = _("dispositif")
        verbose_name_plural = _("dispositifs")

    def __str__(self):
        return self.name


class CohortQuerySet(models.QuerySet):
    def visible_to(self, user):
        return staff_scope(self, user)


class Cohort(models.Model):
    """A group following a track at a venue, on a rhythm from a start date."""

    organisation = models.ForeignKey(
        "accounts.Organisation",
        verbose_name=_("structure"),
        on_delete=models.PROTECT,
        related_name="cohorts",
    )
    track = models.ForeignKey(
        TrackPage, verbose_name=_("parcours"), on_delete=models.PROTECT, related_name="cohorts"
    )
    programme = models.ForeignKey(
        Programme,
        verbose_name=_("dispositif"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="cohorts",
    )
    name = models.CharField(_("nom"), max_length=200)
    trainers = models.ManyToManyField(
        settings.AUTH_USER_MODEL, verbose_name=_("formateurs"), blank=True, related_name="cohorts"
    )
    venue = models.CharField(_("lieu"), max_length=200)
    capacity = models.PositiveSmallIntegerField(_("places"), default=10)
    starts_on = models.DateField(_("première séance"))
    weekday = models.PositiveSmallIntegerField(
        _("jour de la semaine"),
        choices=[
            (0, _("lundi")),
            (1, _("mardi")),
            (2, _("mercredi")),
            (3, _("jeudi")),
            (4, _("vendredi")),
            (5, _("samedi")),
            (6, _("dimanche")),
        ],
    )
    start_time = models.TimeField(_("heure de début"))
    every_weeks = models.PositiveSmallIntegerField(_("toutes les … semaines"), default=1)
    school = models.ForeignKey(
        "accounts.Organisation",
        verbose_name=_("collège"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="school_cohorts",
        limit_choices_to={"kind": "school"},
        help_text=_("Le collège où le groupe se réunit : son CPE y inscrit les familles."),
    )
    diploma_batch = models.ForeignKey(
        "documents.GeneratedDocument",
        verbose_name=_("diplômes et attestations à imprimer"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    objects = CohortQuerySet.as_manager()

    class Meta:
        verbose_name = _("groupe")
        verbose_name_plural = _("groupes")

    def __str__(self):
        return self.name


class MeetingQuerySet(models.QuerySet):
    def visible_to(self, user):
        return staff_scope(self, user, "cohort__organisation_id")


class Meeting(models.Model):
    """One session of a cohort, generated from the rhythm, then editable one by one."""

    class Status(models.TextChoices):
        PLANNED = "planned", _("Prévue")
        HELD = "held", _("Tenue")
        CANCELLED = "cancelled", _("Annulée")

    cohort = models.ForeignKey(
        Cohort, verbose_name=_("groupe"), on_delete=models.CASCADE, related_name="meetings"
    )
    session_plan = models.ForeignKey(
        SessionPlanPage,
        verbose_name=_("séance du parcours"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="meetings",
    )
    number = models.PositiveSmallIntegerField(_("numéro"))
    starts_at = models.DateTimeField(_("début"))
    duration_minutes = models.PositiveSmallIntegerField(_("durée (minutes)"))
    room = models.CharField(_("salle"), max_length=120, blank=True)
    status = models.CharField(
        _("état"), max_length=10, choices=Status.choices, default=Status.PLANNED
    )
    notes = models.TextField(_("notes du formateur"), blank=True)
    closed_at = models.DateTimeField(_("terminée le"), null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("terminée par"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    paper_sheet = models.FileField(
        _("feuille papier signée"),
        upload_to="emargements/%Y/%m/",
        blank=True,
        help_text=_("Photo ou scan de la feuille d'émargement signée sur papier."),
    )
    paper_sheet_added_at = models.DateTimeField(
        _("feuille papier ajoutée le"), null=True, blank=True
    )
    paper_sheet_added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("feuille papier ajoutée par"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    handouts = models.ForeignKey(
        "documents.GeneratedDocument",
        verbose_name=_("fiches des présents"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    objects = MeetingQuerySet.as_manager()

    class Meta:
        verbose_name = _("séance du groupe")
        verbose_name_plural = _("séances du groupe")
        ordering = ["cohort", "number"]
        constraints = [
            models.UniqueConstraint(fields=["cohort", "number"], name="cohorts_meeting_number")
        ]

    def __str__(self):
        return f"{self.cohort} — {self.number}"

    @property
    def ends_at(self):
        return self.starts_at + datetime.timedelta(minutes=self.duration_minutes)


class EnrolmentQuerySet(models.QuerySet):
    def visible_to(self, user):
        return staff_scope(self, user, "cohort__organisation_id")


class Enrolment(models.Model):
    class Status(models.TextChoices):
        ENROLLED = "enrolled", _("Inscrit")
        ACTIVE = "active", _("En cours")
        COMPLETED = "completed", _("Parcours terminé")
        DROPPED = "dropped", _("Abandon")

    cohort = models.ForeignKey(
        Cohort, verbose_name=_("groupe"), on_delete=models.CASCADE, related_name="enrolments"
    )
    learner = models.ForeignKey(
        Learner, verbose_name=_("apprenant"), on_delete=models.CASCADE, related_name="enrolments"
    )
    status = models.CharField(
        _("état"), max_length=10, choices=Status.choices, default=Status.ENROLLED
    )
    drop_reason = models.CharField(_("raison de l'abandon"), max_length=300, blank=True)
    reason = models.CharField(
        _("motif de l'inscription"),
        max_length=300,
        blank=True,
        help_text=_("Par exemple : identifiants Pronote jamais activés, pas d'ordinateur."),
    )
    enrolled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("inscrit par"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    assessment = models.ForeignKey(
        "diagnostics.Assessment",
        verbose_name=_("diagnostic d'origine"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="enrolments",
    )
    enrolled_at = models.DateTimeField(_("inscrit le"), auto_now_add=True)

    objects = EnrolmentQuerySet.as_manager()

    class Meta:
        verbose_name = _("inscription")
        verbose_name_plural = _("inscriptions")
        constraints = [
            models.UniqueConstraint(fields=["cohort", "learner"], name="cohorts_enrolment_once")
        ]

    def __str__(self):
        return f"{self.learner} — {self.cohort}"


class AttendanceQuerySet(models.QuerySet):
    def visible_to(self, user):
        return staff_scope(self, user, "meeting__cohort__organisation_id")


class Attendance(models.Model):
    """One mark per learner and meeting: a repeated tap updates it, never duplicates it."""

    class Mark(models.TextChoices):
        PRESENT = "present", _("Présent")
        LATE = "late", _("En retard")
        ABSENT = "absent", _("Absent")
        EXCUSED = "excused", _("Excusé")

    meeting = models.ForeignKey(
        Meeting, verbose_name=_("séance"), on_delete=models.CASCADE, related_name="attendances"
    )
    learner = models.ForeignKey(
        Learner, verbose_name=_("apprenant"), on_delete=models.CASCADE, related_name="attendances"
    )
    mark = models.CharField(_("présence"), max_length=10, choices=Mark.choices)
    late_minutes = models.PositiveSmallIntegerField(_("minutes de retard"), default=0)
    minutes = models.PositiveSmallIntegerField(
        _("minutes suivies"),
        null=True,
        blank=True,
        help_text=_("Noté en fin de séance ; sinon, la durée moins le retard."),
    )
    marked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("noté par"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    marked_at = models.DateTimeField(_("noté le"), auto_now=True)

    objects = AttendanceQuerySet.as_manager()

    class Meta:
        verbose_name = _("présence")
        verbose_name_plural = _("présences")
        constraints = [
            models.UniqueConstraint(fields=["meeting", "learner"], name="cohorts_attendance_once")
        ]

    def __str__(self):
        return f"{self.learner} — {self.meeting} — {self.get_mark_display()}"

    def attended_minutes(self):
        if self.mark not in (self.Mark.PRESENT, self.Mark.LATE):
            return 0
        if self.minutes is not None:
            return self.minutes
        if self.mark == self.Mark.PRESENT:
            return self.meeting.duration_minutes
        if self.mark == self.Mark.LATE:
            return max(self.meeting.duration_minutes - self.late_minutes, 0)
        return 0


class HelpVisitQuerySet(models.QuerySet):
    def visible_to(self, user):
        return staff_scope(self, user)


class HelpVisit(models.Model):
    """One individual-help visit (permanence connectée or home set-up), logged with its
    duration and theme, with or without a cohort. Themes follow the national activity report."""

    class Theme(models.TextChoices):
        DIAGNOSTIC = "diagnostic", _("Diagnostic numérique")
        DEVICE = "device", _("Prendre en main du matériel")
        MAINTENANCE = "maintenance", _("Maintenance de matériel")
        CONTENT = "content", _("Gérer ses contenus numériques")
        BROWSING = "browsing", _("Navigation sur internet")
        EMAIL = "email", _("E-mail")
        OFFICE = "office", _("Bureautique")
        SOCIAL = "social", _("Réseaux sociaux communication")
        HEALTH = "health", _("Santé")
        BANKING = "banking", _("Banque et achats en ligne")
        EMPLOYMENT = "employment", _("Insertion professionnelle")
        SECURITY = "security", _("Prévention en sécurité numérique")
        PARENTING = "parenting", _("Parentalité")
        SCHOOL = "school", _("Scolarité et numérique")
        ADMIN = "admin", _("Aide aux démarches administratives")

    class Place(models.TextChoices):
        VENUE = "venue", _("Lieu d'activité")
        HOME = "home", _("À domicile")
        REMOTE = "remote", _("À distance")

    organisation = models.ForeignKey(
        "accounts.Organisation",
        verbose_name=_("structure"),
        on_delete=models.PROTECT,
        related_name="help_visits",
    )
    learner = models.ForeignKey(
        Learner,
        verbose_name=_("apprenant"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="help_visits",
    )
    cohort = models.ForeignKey(
        Cohort,
        verbose_name=_("groupe"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="help_visits",
    )
    helper = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("aidant"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    date = models.DateField(_("date"))
    duration_minutes = models.PositiveSmallIntegerField(_("durée (minutes)"))
    theme = models.CharField(_("thème"), max_length=20, choices=Theme.choices)
    place = models.CharField(_("lieu"), max_length=10, choices=Place.choices, default=Place.VENUE)
    notes = models.TextField(_("notes"), blank=True)

    objects = HelpVisitQuerySet.as_manager()

    class Meta:
        verbose_name = _("aide individuelle")
        verbose_name_plural = _("aides individuelles")
        ordering = ["-date"]

    def __str__(self):
        return f"{self.date} — {self.get_theme_display()} ({self.duration_minutes} min)"


class WaitingQuerySet(models.QuerySet):
    def visible_to(self, user):
        return staff_scope(self, user, "cohort__organisation_id")


class WaitingListEntry(models.Model):
    """A person waiting for a place in a full cohort, in the order they came."""

    cohort = models.ForeignKey(
        Cohort, verbose_name=_("groupe"), on_delete=models.CASCADE, related_name="waiting_list"
    )
    learner = models.ForeignKey(
        Learner, verbose_name=_("apprenant"), on_delete=models.CASCADE, related_name="waiting"
    )
    reason = models.CharField(_("motif de l'inscription"), max_length=300, blank=True)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("ajouté par"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    added_at = models.DateTimeField(_("ajouté le"), auto_now_add=True)

    objects = WaitingQuerySet.as_manager()

    class Meta:
        verbose_name = _("place en liste d'attente")
        verbose_name_plural = _("liste d'attente")
        ordering = ["cohort", "added_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["cohort", "learner"], name="cohorts_waiting_once")
        ]

    def __str__(self):
        return f"{self.learner} — {self.cohort}"


class Reminder(models.Model):
    """The reminder of a meeting sent to a learner, once (the day before, by SMS or shown in
    the learner's space)."""

    class Channel(models.TextChoices):
        SMS = "sms", _("SMS")
        SPACE = "space", _("Espace apprenant")

    meeting = models.ForeignKey(
        Meeting, verbose_name=_("séance"), on_delete=models.CASCADE, related_name="reminders"
    )
    learner = models.ForeignKey(
        Learner, verbose_name=_("apprenant"), on_delete=models.CASCADE, related_name="reminders"
    )
    channel = models.CharField(_("canal"), max_length=10, choices=Channel.choices)
    sent_at = models.DateTimeField(_("envoyé le"), auto_now_add=True)
    detail = models.CharField(_("détail"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("rappel de séance")
        verbose_name_plural = _("rappels de séance")
        constraints = [
            models.UniqueConstraint(fields=["meeting", "learner"], name="cohorts_reminder_once")
        ]

    def __str__(self):
        return f"{self.learner} — {self.meeting} ({self.channel})"
