"""Who was helped, and who they are: people helped, new people, QPV, RSA, job seekers, age
bands and genders.

"Helped" (a present mark at a held meeting, or an individual-help visit) is defined here
once; the other sections (hours, diagnostics, referrals, month by month) read it from here.
"""

from django.db.models import Count, Exists, OuterRef, Q

from cohorts.models import Attendance, HelpVisit, Learner

from ..glossary import AGE_BANDS
from .common import HELD, ONE_DAY, PRESENT, share
from .scope import local_midnight


def attendances(scope, first=None, last=None):
    """Present or late marks at meetings held in the period (or from `first` to `last`)."""
    return Attendance.objects.filter(
        scope.q("meeting__cohort"),
        mark__in=PRESENT,
        meeting__status=HELD,
        meeting__starts_at__gte=local_midnight(first or scope.starts_on),
        meeting__starts_at__lt=local_midnight((last or scope.ends_on) + ONE_DAY),
    )


def help_visits(scope, first=None, last=None):
    """Individual-help visits of the period (or from `first` to `last`): for a programme or
    a funder, those tied to one of its cohorts; for a structure, all of its own."""
    return HelpVisit.objects.filter(
        scope.q("cohort", organisation="organisation"),
        date__gte=first or scope.starts_on,
        date__lte=last or scope.ends_on,
    )


def helped_q(scope, first=None, last=None):
    """The condition on Learner for "helped": a present mark or an individual-help visit.

    One IN (… UNION …), not two INs joined by OR: at a network's size the OR made PostgreSQL
    scan the marks again for every learner (an hour at 200,000 learners), the union is one
    semi-join."""
    marks = attendances(scope, first, last).order_by().values("learner_id")
    visits = help_visits(scope, first, last).filter(learner__isnull=False)
    return Q(pk__in=marks.union(visits.order_by().values("learner_id")))


def helped_learners(scope):
    """The learners helped in the period."""
    return Learner.objects.filter(helped_q(scope))


def helped_exists_q(scope, ref, learner="learner_id"):
    """Whether "helped", tested row by row, for a learner id (or, with `learner`, another field
    of the learner) at `ref`: an index probe per row, for rows that are few, such as referrals
    or the final diagnostics of a period, where an IN over every helped person costs a scan of
    the period's marks."""
    marks = attendances(scope).filter(**{learner: OuterRef(ref)})
    visits = help_visits(scope).filter(**{learner: OuterRef(ref)})
    return Q(Exists(marks)) | Q(Exists(visits))


def _age_band_q(end_year):
    """birth_year conditions for each band, the age being end_year - birth_year."""

    def born(oldest, youngest):  # ages from youngest to oldest, included
        return Q(birth_year__gte=end_year - oldest, birth_year__lte=end_year - youngest)

    return {
        "under_12": Q(birth_year__gt=end_year - 12),
        "12_18": born(17, 12),
        "18_24": born(24, 18),
        "25_39": born(39, 25),
        "40_59": born(59, 40),
        "60_69": born(69, 60),
        "70_plus": Q(birth_year__lte=end_year - 70),
        "unknown": Q(birth_year__isnull=True),
    }


def people(scope):
    """People helped, new people, and their shares: QPV, RSA, job seekers, age, gender.
    One query."""
    bands = _age_band_q(scope.ends_on.year)
    genders = {
        "F": Q(gender=Learner.Gender.FEMALE),
        "M": Q(gender=Learner.Gender.MALE),
        "unknown": ~Q(gender__in=[Learner.Gender.FEMALE, Learner.Gender.MALE]),
    }
    counts = helped_learners(scope).aggregate(
        people=Count("pk"),
        new=Count("pk", filter=scope.datetime_range("created_at")),
        qpv=Count("pk", filter=Q(lives_in_qpv=True)),
        rsa=Count("pk", filter=Q(receives_rsa=True)),
        job=Count("pk", filter=Q(is_job_seeker=True)),
        **{f"age_{key}": Count("pk", filter=q) for key, q in bands.items()},
        **{f"gender_{key}": Count("pk", filter=q) for key, q in genders.items()},
    )
    whole = counts["people"]
    return {
        "people_helped": whole,
        "new_people": counts["new"],
        "qpv": share(counts["qpv"], whole),
        "rsa": share(counts["rsa"], whole),
        "job_seekers": share(counts["job"], whole),
        "age_bands": {key: share(counts[f"age_{key}"], whole) for key, _label in AGE_BANDS},
        "genders": {key: share(counts[f"gender_{key}"], whole) for key in genders},
    }
