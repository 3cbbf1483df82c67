"""The CPE's side of the parent track: families a collège enrols in the parents' cohort that
meets there, and what the CPE may read about them.

A CPE works for the collège, not for the association that runs the cohort: they read the
families' names, phone, child's class, attendance, computer and diploma, never the social
fields (RSA, QPV, job seeker, who referred them, household, birth year, gender) that the
association keeps for its funders. The selectors below read only the allowed columns
(`values()`), so that no template or export can reach the others by accident.
"""

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Count, Exists, IntegerField, OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, gettext_noop

from accounts.scoping import CPE_ROLES, organisation_ids_for, works_for
from core.phone import phone_digits, phone_valid

from .models import Attendance, Cohort, Diploma, Enrolment, Learner, Meeting, WaitingListEntry
from .services import COHORT_FULL, learner_enrol

FAMILY_CONSENT = gettext_noop(
    "J'accepte que l'association %(association)s garde mon nom, mon téléphone, la classe de "
    "mon enfant et mes présences, pour organiser le parcours parents au %(school)s et tenir "
    "le collège informé de ma participation. Je peux demander à les voir, à les corriger ou à "
    "les effacer."
)
FAMILY_NOT_ALLOWED = gettext_noop("Vous ne pouvez pas inscrire de famille dans ce groupe.")
FAMILY_CONSENT_MISSING = gettext_noop(
    "La famille doit donner son accord : lisez-lui le texte et cochez la case."
)
FAMILY_NAME_MISSING = gettext_noop("Indiquez le prénom et le nom du parent.")
FAMILY_PHONE_INVALID = gettext_noop(
    "Indiquez un numéro de téléphone pour joindre la famille, par exemple 06 12 34 56 78."
)
FAMILY_CLASS_MISSING = gettext_noop("Indiquez la classe de l'enfant, par exemple 6e B.")

# The languages families speak most at home in the collèges of the seeds; "other" is kept
# as its code.
FAMILY_LANGUAGES = [
    ("fr", gettext_lazy("Français")),
    ("ar", gettext_lazy("Arabe")),
    ("tr", gettext_lazy("Turc")),
    ("pt", gettext_lazy("Portugais")),
    ("es", gettext_lazy("Espagnol")),
    ("ro", gettext_lazy("Roumain")),
    ("uk", gettext_lazy("Ukrainien")),
    ("ru", gettext_lazy("Russe")),
    ("vi", gettext_lazy("Vietnamien")),
    ("zh", gettext_lazy("Chinois")),
    ("en", gettext_lazy("Anglais")),
    ("other", gettext_lazy("Autre langue")),
]

# Why the CPE proposes the track; the chosen labels are joined into `Enrolment.reason`.
FAMILY_REASONS = [
    ("pronote", gettext_lazy("Identifiants Pronote jamais activés")),
    ("computer", gettext_lazy("Pas d'ordinateur à la maison")),
    ("internet", gettext_lazy("Pas d'internet")),
    ("french", gettext_lazy("Ne lit pas le français")),
    ("other", gettext_lazy("Autre")),
]


def language_label(code):
    return dict(FAMILY_LANGUAGES).get(code, code)


def reasons_join(codes, other=""):
    """The chosen reasons as stored text, in the site's language whatever the CPE's."""
    labels = dict(FAMILY_REASONS)
    with translation.override(settings.LANGUAGE_CODE):
        parts = [str(labels[code]) for code in codes if code in labels and code != "other"]
    other = other.strip()
    if other:
        parts.append(other)
    elif "other" in codes:
        with translation.override(settings.LANGUAGE_CODE):
            parts.append(str(labels["other"]))
    return ", ".join(parts)[:300]


def family_consent_text(cohort):
    """The consent read to the family, naming the association and the collège."""
    return _(FAMILY_CONSENT) % {
        "association": cohort.organisation.name,
        "school": cohort.school.name if cohort.school_id else "",
    }


def _cpe_cohorts(actor):
    """Cohorts that meet at a collège where the actor is an active CPE."""
    if actor is None or not actor.is_authenticated:
        return Cohort.objects.none()
    if actor.is_superuser:
        return Cohort.objects.filter(school__isnull=False)
    return Cohort.objects.filter(school_id__in=organisation_ids_for(actor, CPE_ROLES))


def school_year_of(day):
    """The school year a day belongs to, named by the year it starts in (1 September)."""
    return day.year if day.month >= 9 else day.year - 1


def _school_year_cohorts(actor, school_year):
    """The actor's collèges' cohorts that start or meet in the school year (all when None):
    a collège's page shows this year's families, not every family since the beginning."""
    cohorts = _cpe_cohorts(actor)
    if school_year is None:
        return cohorts
    first, last = datetime.date(school_year, 9, 1), datetime.date(school_year + 1, 8, 31)
    meets = Meeting.objects.filter(
        cohort_id=OuterRef("pk"), starts_at__date__gte=first, starts_at__date__lte=last
    ).exclude(status=Meeting.Status.CANCELLED)
    return cohorts.filter(Q(starts_on__gte=first, starts_on__lte=last) | Exists(meets))


def cpe_cohort_get(*, actor, cohort_id):
    """A parents' cohort of the actor's collège; None whether missing or another school's."""
    return (
        _cpe_cohorts(actor)
        .select_related("organisation", "school", "track")
        .filter(pk=cohort_id)
        .first()
    )


def _family_find(cohort, first_name, last_name, phone):
    """The association's learner with these names and phone number (spacing ignored)."""
    candidates = Learner.objects.filter(
        organisation_id=cohort.organisation_id,
        first_name__iexact=first_name,
        last_name__iexact=last_name,
    )
    wanted = phone_digits(phone)
    return next((c for c in candidates if phone_digits(c.phone) == wanted), None)


@transaction.atomic
def family_enrol(
    *,
    actor,
    cohort_id,
    first_name,
    last_name,
    phone,
    language,
    reads_french,
    child_class,
    reason,
    consent,
    waiting=False,
):
    """A CPE enrols a family in the parents' cohort of their collège, or on its waiting list
    when it is full and `waiting` is set. Returns the `Enrolment` or the `WaitingListEntry`.

    The learner file belongs to the association that runs the cohort. A family already
    known by its names and phone is not created twice, and enrolling it again returns what
    exists."""
    cohort = (
        Cohort.objects.select_for_update(of=("self",))
        .select_related("organisation", "school")
        .filter(pk=cohort_id)
        .first()
    )
    if cohort is None or cohort.school is None or not works_for(actor, cohort.school, CPE_ROLES):
        raise PermissionDenied(_(FAMILY_NOT_ALLOWED))
    first_name, last_name = first_name.strip(), last_name.strip()
    phone, child_class = phone.strip(), child_class.strip()
    errors = []
    if not consent:
        errors.append(_(FAMILY_CONSENT_MISSING))
    if not first_name or not last_name:
        errors.append(_(FAMILY_NAME_MISSING))
    if not phone_valid(phone):
        errors.append(_(FAMILY_PHONE_INVALID))
    if not child_class:
        errors.append(_(FAMILY_CLASS_MISSING))
    if errors:
        raise ValidationError(errors)

    learner = _family_find(cohort, first_name, last_name, phone)
    if learner is None:
        learner = Learner(
            organisation_id=cohort.organisation_id,
            first_name=first_name,
            last_name=last_name,
            phone=phone,
            language=language or "fr",
            reads_french=bool(reads_french),
            child_class=child_class,
            consent_at=timezone.now(),
            consent_text=family_consent_text(cohort),
        )
        learner.full_clean()
        learner.save()
    elif not learner.child_class or learner.consent_at is None:
        # Known to the association already: fill in what the CPE adds, keep the rest.
        learner.child_class = learner.child_class or child_class
        if learner.consent_at is None:
            learner.consent_at = timezone.now()
            learner.consent_text = family_consent_text(cohort)
        learner.full_clean()
        learner.save(update_fields=["child_class", "consent_at", "consent_text"])

    enrolment = Enrolment.objects.filter(cohort=cohort, learner=learner).first()
    if enrolment is not None:
        return enrolment
    entry = WaitingListEntry.objects.filter(cohort=cohort, learner=learner).first()
    taken = cohort.enrolments.exclude(status=Enrolment.Status.DROPPED).count()
    if taken >= cohort.capacity:
        if entry is not None:
            return entry
        if not waiting:
            raise ValidationError(_(COHORT_FULL) % {"capacity": cohort.capacity})
        entry = WaitingListEntry(cohort=cohort, learner=learner, reason=reason, added_by=actor)
        entry.full_clean()
        entry.save()
        return entry
    enrolment = learner_enrol(cohort=cohort, learner=learner)
    enrolment.reason = (reason or (entry.reason if entry else ""))[:300]
    enrolment.enrolled_by = actor
    enrolment.full_clean()
    enrolment.save(update_fields=["reason", "enrolled_by"])
    if entry is not None:
        entry.delete()
    return enrolment


@dataclass(frozen=True)
class SchoolCohort:
    """A parents' cohort as a CPE sees it."""

    id: int
    name: str
    school: str
    association: str
    venue: str
    track: str
    capacity: int
    enrolled: int
    waiting: int
    next_meeting: datetime.datetime | None

    @property
    def places_left(self):
        return max(self.capacity - self.enrolled, 0)

    @property
    def is_full(self):
        return self.enrolled >= self.capacity


def _count(queryset):
    """A correlated COUNT(*) subquery (no join fan-out when several are annotated)."""
    return Coalesce(
        Subquery(
            queryset.order_by().values("cohort_id").annotate(n=Count("pk")).values("n"),
            output_field=IntegerField(),
        ),
        0,
    )


def cpe_cohorts(*, actor, now=None, school_year=None):
    """The parents' cohorts at the actor's collèges (of one school year if given), with
    places taken, waiting list and the next meeting. One query."""
    now = now or timezone.now()
    next_meeting = (
        Meeting.objects.filter(cohort_id=OuterRef("pk"), starts_at__gte=now)
        .exclude(status=Meeting.Status.CANCELLED)
        .order_by("starts_at")
        .values("starts_at")[:1]
    )
    rows = (
        _school_year_cohorts(actor, school_year)
        .annotate(
            n_enrolled=_count(
                Enrolment.objects.filter(cohort_id=OuterRef("pk")).exclude(
                    status=Enrolment.Status.DROPPED
                )
            ),
            n_waiting=_count(WaitingListEntry.objects.filter(cohort_id=OuterRef("pk"))),
            next_at=Subquery(next_meeting),
        )
        .order_by("school__name", "-starts_on", "name")
        .values(
            "pk",
            "name",
            "school__name",
            "organisation__name",
            "venue",
            "track__title",
            "capacity",
            "n_enrolled",
            "n_waiting",
            "next_at",
        )
    )
    return [
        SchoolCohort(
            id=row["pk"],
            name=row["name"],
            school=row["school__name"],
            association=row["organisation__name"],
            venue=row["venue"],
            track=row["track__title"],
            capacity=row["capacity"],
            enrolled=row["n_enrolled"],
            waiting=row["n_waiting"],
            next_meeting=row["next_at"],
        )
        for row in rows
    ]


WAITING = "waiting"
FAMILY_STATUS_LABELS = {
    **dict(Enrolment.Status.choices),
    WAITING: gettext_lazy("Liste d'attente"),
}


@dataclass(frozen=True)
class Family:
    """One family in a parents' cohort, as a CPE may see it: nothing social."""

    first_name: str
    last_name: str
    phone: str
    child_class: str
    language: str
    reads_french: bool
    cohort_id: int
    cohort: str
    status: str
    reason: str
    drop_reason: str
    meetings_attended: int
    meetings_held: int
    diploma: bool
    device_handed_over: bool
    enrolled_at: datetime.datetime

    @property
    def language_label(self):
        return language_label(self.language)

    @property
    def status_label(self):
        return FAMILY_STATUS_LABELS.get(self.status, self.status)

    @property
    def dropped(self):
        return self.status == Enrolment.Status.DROPPED

    @property
    def waiting(self):
        return self.status == WAITING


# The only learner columns that leave this module.
_LEARNER_FIELDS = (
    "learner__first_name",
    "learner__last_name",
    "learner__phone",
    "learner__child_class",
    "learner__language",
    "learner__reads_french",
)


def cpe_families(*, actor, school_year=None, handovers=None):
    """The families of the parents' cohorts at the actor's collèges (of one school year if
    given): the drop-outs first (to call them back), then the others by cohort and name, then
    the waiting lists in order. Four queries whatever the number of families.
    `handovers` are the hand-overs of `OuterRef("pk")`, the enrolment (equipment sits above
    cohorts: the CPE's page passes them); without them no family shows a device."""
    cohorts = _school_year_cohorts(actor, school_year).values("pk")
    held = dict(
        Meeting.objects.filter(cohort_id__in=cohorts, status=Meeting.Status.HELD)
        .values("cohort_id")
        .annotate(n=Count("pk"))
        .values_list("cohort_id", "n")
    )
    attended = {
        (row["meeting__cohort_id"], row["learner_id"]): row["n"]
        for row in Attendance.objects.filter(
            meeting__cohort_id__in=cohorts,
            meeting__status=Meeting.Status.HELD,
            mark__in=[Attendance.Mark.PRESENT, Attendance.Mark.LATE],
        )
        .values("meeting__cohort_id", "learner_id")
        .annotate(n=Count("pk"))
    }
    enrolments = (
        Enrolment.objects.filter(cohort_id__in=cohorts)
        .annotate(
            has_diploma=Exists(
                Diploma.objects.filter(enrolment_id=OuterRef("pk"), kind=Diploma.Kind.DIPLOMA)
            ),
            has_device=Exists(handovers) if handovers is not None else Value(False),
        )
        .order_by("cohort__name", "learner__last_name", "learner__first_name", "pk")
        .values(
            *_LEARNER_FIELDS,
            "learner_id",
            "cohort_id",
            "cohort__name",
            "status",
            "reason",
            "drop_reason",
            "enrolled_at",
            "has_diploma",
            "has_device",
        )
    )
    families = [
        Family(
            first_name=row["learner__first_name"],
            last_name=row["learner__last_name"],
            phone=row["learner__phone"],
            child_class=row["learner__child_class"],
            language=row["learner__language"],
            reads_french=row["learner__reads_french"],
            cohort_id=row["cohort_id"],
            cohort=row["cohort__name"],
            status=row["status"],
            reason=row["reason"],
            drop_reason=row["drop_reason"],
            meetings_attended=attended.get((row["cohort_id"], row["learner_id"]), 0),
            meetings_held=held.get(row["cohort_id"], 0),
            diploma=row["has_diploma"],
            device_handed_over=row["has_device"],
            enrolled_at=row["enrolled_at"],
        )
        for row in enrolments
    ]
    families.sort(key=lambda family: not family.dropped)
    waiting = (
        WaitingListEntry.objects.filter(cohort_id__in=cohorts)
        .order_by("cohort__name", "added_at", "pk")
        .values(*_LEARNER_FIELDS, "cohort_id", "cohort__name", "reason", "added_at")
    )
    families.extend(
        Family(
            first_name=row["learner__first_name"],
            last_name=row["learner__last_name"],
            phone=row["learner__phone"],
            child_class=row["learner__child_class"],
            language=row["learner__language"],
            reads_french=row["learner__reads_french"],
            cohort_id=row["cohort_id"],
            cohort=row["cohort__name"],
            status=WAITING,
            reason=row["reason"],
            drop_reason="",
            meetings_attended=0,
            meetings_held=held.get(row["cohort_id"], 0),
            diploma=False,
            device_handed_over=False,
            enrolled_at=row["added_at"],
        )
        for row in waiting
    )
    return families
