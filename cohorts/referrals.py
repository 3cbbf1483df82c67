"""Referrals by social workers: a prescriber (CCAS, CAF, France Travail, centre social) sends a
person to an association; the association's coordinators accept it (the person becomes a
learner with a diagnostic appointment) or decline it with a reason; the prescriber follows the
status of their own referrals.

Who reads what: a prescriber reads the referrals *they* sent (not their colleagues'), the
receiving association's coordinators read those sent to it (`Referral.visible_to`).
"""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, gettext_noop

from accounts.models import Organisation, Role, User
from accounts.scoping import (
    PRESCRIBER_ROLES,
    STAFF_MANAGER_ROLES,
    organisation_ids_for,
    works_for,
)
from core.phone import PHONE_INVALID, phone_digits, phone_normalise

from .models import Cohort, Learner, Referral

NOTE_MAX_LENGTH = 1000
DECLINE_REASON_MAX_LENGTH = 300
DIAGNOSTIC_TIME = datetime.time(10, 0)

REFERRAL_NOT_PRESCRIBER = gettext_noop(
    "Vous ne pouvez pas orienter une personne au nom de ce service."
)
REFERRAL_ASSOCIATION_INVALID = gettext_noop(
    "Choisissez une association de votre réseau qui accueille les personnes orientées."
)
REFERRAL_CONSENT_MISSING = gettext_noop(
    "La personne doit être d'accord pour que ses coordonnées soient transmises à "
    "l'association : demandez-lui, puis cochez la case."
)
REFERRAL_NAME_MISSING = gettext_noop("Indiquez le prénom et le nom de la personne.")
REFERRAL_NEED_INVALID = gettext_noop(
    "Choisissez ce dont la personne a besoin : un ordinateur, une formation, ou les deux."
)
REFERRAL_NOTE_TOO_LONG = gettext_noop("La note fait %(max)s caractères au plus.")
REFERRAL_NOT_ALLOWED = gettext_noop("Vous ne pouvez pas traiter cette orientation.")
REFERRAL_ALREADY_ACCEPTED = gettext_noop("Cette orientation a déjà été acceptée.")
REFERRAL_ALREADY_DECLINED = gettext_noop("Cette orientation a déjà été refusée.")
REFERRAL_REASON_MISSING = gettext_noop(
    "Indiquez la raison du refus : la personne qui a orienté la lira."
)
REFERRAL_REASON_TOO_LONG = gettext_noop("La raison du refus fait %(max)s caractères au plus.")
REFERRAL_DIAGNOSTIC_MISSING = gettext_noop(
    "Indiquez le jour et l'heure du rendez-vous de diagnostic."
)
REFERRAL_DIAGNOSTIC_PAST = gettext_noop("Le rendez-vous de diagnostic doit être à venir.")
REFERRAL_PLACE_MISSING = gettext_noop("Indiquez le lieu du rendez-vous de diagnostic.")
REFERRAL_LEARNER_INVALID = gettext_noop("Cette personne n'est pas suivie par votre structure.")

# The languages most often spoken by the people referred in the seeds; "other" is kept as is.
REFERRAL_LANGUAGES = [
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


def language_label(code):
    return dict(REFERRAL_LANGUAGES).get(code, code)


# Reads ------------------------------------------------------------------------------------


def prescriber_organisations(*, actor):
    """The services where the actor is an active prescriber."""
    if actor is None or not actor.is_authenticated:
        return Organisation.objects.none()
    return Organisation.objects.filter(
        pk__in=organisation_ids_for(actor, PRESCRIBER_ROLES)
    ).order_by("name")


def referral_associations(*, prescriber_organisation):
    """The associations a prescriber of this service may refer to: those of its network, or
    every association when the service belongs to none."""
    associations = Organisation.objects.filter(
        kind=Organisation.Kind.ASSOCIATION, is_active=True
    ).order_by("name")
    if prescriber_organisation.network_id:
        associations = associations.filter(network_id=prescriber_organisation.network_id)
    return associations


def prescriber_referrals(*, actor):
    """The referrals the actor sent, newest first; never a colleague's."""
    if actor is None or not actor.is_authenticated:
        return Referral.objects.none()
    return (
        Referral.objects.visible_to(actor)
        .filter(prescriber_id=actor.pk)
        .select_related("organisation", "prescriber_organisation")
    )


def coordinator_referrals(*, actor):
    """The referrals sent to the associations the actor coordinates."""
    referrals = Referral.objects.visible_to(actor)
    if not actor.is_superuser:
        referrals = referrals.filter(
            organisation_id__in=organisation_ids_for(actor, STAFF_MANAGER_ROLES)
        )
    return referrals.select_related("organisation", "prescriber_organisation", "prescriber")


def pending_count(*, actor):
    """How many referrals wait in the actor's queue (for the admin menu)."""
    if not (actor.is_superuser or Role.COORDINATOR in actor.active_roles()):
        return 0
    return coordinator_referrals(actor=actor).filter(status=Referral.Status.SENT).count()


def diagnostic_default_at(today=None):
    """The next working day at 10:00, local time: a slot the coordinator usually adjusts."""
    day = (today or timezone.localdate()) + datetime.timedelta(days=1)
    while day.weekday() >= 5:
        day += datetime.timedelta(days=1)
    return timezone.make_aware(datetime.datetime.combine(day, DIAGNOSTIC_TIME))


def diagnostic_default_place(organisation):
    """Where the association usually receives people: the venue of its latest cohort, or its
    name and commune."""
    venue = (
        Cohort.objects.filter(organisation=organisation)
        .exclude(venue="")
        .order_by("-starts_on", "-pk")
        .values_list("venue", flat=True)
        .first()
    )
    if venue:
        return venue
    return ", ".join(part for part in (organisation.name, organisation.commune) if part)


def learner_candidates(referral):
    """Learners of the receiving association who may be the referred person: same last name,
    or same phone number (stored as the import and the referral form write it)."""
    same = models.Q(last_name__iexact=referral.last_name.strip())
    if referral.phone:
        same |= models.Q(phone__in=[referral.phone, phone_digits(referral.phone)])
    return list(
        Learner.objects.filter(same, organisation_id=referral.organisation_id).order_by(
            "last_name", "first_name"
        )[:20]
    )


# Writes -----------------------------------------------------------------------------------


@transaction.atomic
def referral_send(
    *,
    actor,
    organisation,
    prescriber_organisation,
    first_name,
    last_name,
    phone="",
    email="",
    language="fr",
    reads_french=True,
    need,
    receives_rsa=False,
    lives_in_qpv=False,
    is_job_seeker=False,
    note="",
    consent,
):
    """Send a person to an association. A second submit of the same person to the same
    association, still pending, returns the referral already sent."""
    if not works_for(actor, prescriber_organisation, PRESCRIBER_ROLES):
        raise PermissionDenied(_(REFERRAL_NOT_PRESCRIBER))
    associations = referral_associations(prescriber_organisation=prescriber_organisation)
    if not associations.filter(pk=organisation.pk).exists():
        raise ValidationError({"organisation": _(REFERRAL_ASSOCIATION_INVALID)})
    errors = {}
    first_name, last_name = (first_name or "").strip(), (last_name or "").strip()
    if not first_name or not last_name:
        errors["last_name" if first_name else "first_name"] = _(REFERRAL_NAME_MISSING)
    if need not in Referral.Need.values:
        errors["need"] = _(REFERRAL_NEED_INVALID)
    note = (note or "").strip()
    if len(note) > NOTE_MAX_LENGTH:
        errors["note"] = _(REFERRAL_NOTE_TOO_LONG) % {"max": NOTE_MAX_LENGTH}
    phone = (phone or "").strip()
    if phone:
        normalised = phone_normalise(phone)
        if normalised is None:
            errors["phone"] = _(PHONE_INVALID) % {"value": phone}
        phone = normalised or phone
    if not consent:
        errors["consent"] = _(REFERRAL_CONSENT_MISSING)
    if errors:
        raise ValidationError(errors)

    # Serialise this prescriber's submits, so that a double tap cannot slip two rows in.
    User.objects.select_for_update().filter(pk=actor.pk).first()
    pending = Referral.objects.filter(
        prescriber_id=actor.pk,
        organisation=organisation,
        status=Referral.Status.SENT,
        first_name__iexact=first_name,
        last_name__iexact=last_name,
        need=need,
    )
    for referral in pending:
        if phone_digits(referral.phone) == phone_digits(phone):
            return referral

    referral = Referral(
        organisation=organisation,
        prescriber_organisation=prescriber_organisation,
        prescriber=actor,
        first_name=first_name,
        last_name=last_name,
        phone=phone,
        email=(email or "").strip(),
        language=language or "fr",
        reads_french=reads_french,
        need=need,
        receives_rsa=receives_rsa,
        lives_in_qpv=lives_in_qpv,
        is_job_seeker=is_job_seeker,
        note=note,
        consent=True,
    )
    referral.full_clean()
    referral.save()
    return referral


def _locked_pending(actor, referral_id):
    """The referral, locked, if the actor coordinates its association and it is still pending."""
    referral = (
        Referral.objects.select_for_update()
        .select_related("organisation", "prescriber_organisation")
        .filter(pk=referral_id)
        .first()
    )
    if referral is None or not works_for(actor, referral.organisation, STAFF_MANAGER_ROLES):
        raise PermissionDenied(_(REFERRAL_NOT_ALLOWED))
    if referral.status == Referral.Status.ACCEPTED:
        raise ValidationError(_(REFERRAL_ALREADY_ACCEPTED))
    if referral.status == Referral.Status.DECLINED:
        raise ValidationError(_(REFERRAL_ALREADY_DECLINED))
    return referral


def _same_person(referral):
    """A learner of the association with the same names and phone number, if any."""
    digits = phone_digits(referral.phone)
    if not digits:
        return None
    for learner in Learner.objects.filter(
        organisation_id=referral.organisation_id,
        first_name__iexact=referral.first_name,
        last_name__iexact=referral.last_name,
    ):
        if phone_digits(learner.phone) == digits:
            return learner
    return None


def _learner_for(referral, learner_id):
    if learner_id:
        learner = Learner.objects.filter(
            pk=learner_id, organisation_id=referral.organisation_id
        ).first()
        if learner is None:
            raise ValidationError({"learner": _(REFERRAL_LEARNER_INVALID)})
    else:
        learner = _same_person(referral)
    if learner is None:
        learner = Learner(
            organisation_id=referral.organisation_id,
            first_name=referral.first_name,
            last_name=referral.last_name,
            phone=referral.phone,
            email=referral.email,
            language=referral.language,
            reads_french=referral.reads_french,
            receives_rsa=referral.receives_rsa,
            lives_in_qpv=referral.lives_in_qpv,
            is_job_seeker=referral.is_job_seeker,
            referred_by=referral.prescriber_organisation.name,
        )
        learner.full_clean()
        learner.save()
        return learner
    # A known learner: the prescriber's facts open funding, so they are added, never erased.
    learner.receives_rsa = learner.receives_rsa or referral.receives_rsa
    learner.lives_in_qpv = learner.lives_in_qpv or referral.lives_in_qpv
    learner.is_job_seeker = learner.is_job_seeker or referral.is_job_seeker
    learner.referred_by = learner.referred_by or referral.prescriber_organisation.name
    learner.phone = learner.phone or referral.phone
    learner.email = learner.email or referral.email
    learner.full_clean()
    learner.save()
    return learner


@transaction.atomic
def referral_accept(*, actor, referral_id, diagnostic_at, diagnostic_place, learner_id=None):
    """Accept a pending referral: the person becomes a learner of the association (a new file,
    or the one given, or the one with the same names and phone) with the diagnostic
    appointment the prescriber will pass on."""
    referral = _locked_pending(actor, referral_id)
    errors = {}
    if diagnostic_at is None:
        errors["diagnostic_at"] = _(REFERRAL_DIAGNOSTIC_MISSING)
    elif diagnostic_at <= timezone.now():
        errors["diagnostic_at"] = _(REFERRAL_DIAGNOSTIC_PAST)
    diagnostic_place = (diagnostic_place or "").strip()
    if not diagnostic_place:
        errors["diagnostic_place"] = _(REFERRAL_PLACE_MISSING)
    if errors:
        raise ValidationError(errors)
    referral.learner = _learner_for(referral, learner_id)
    referral.status = Referral.Status.ACCEPTED
    referral.decided_by = actor
    referral.decided_at = timezone.now()
    referral.diagnostic_at = diagnostic_at
    referral.diagnostic_place = diagnostic_place
    referral.full_clean()
    referral.save()
    return referral


@transaction.atomic
def referral_decline(*, actor, referral_id, reason):
    """Decline a pending referral with a reason the prescriber reads."""
    referral = _locked_pending(actor, referral_id)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _(REFERRAL_REASON_MISSING)})
    if len(reason) > DECLINE_REASON_MAX_LENGTH:
        raise ValidationError(
            {"reason": _(REFERRAL_REASON_TOO_LONG) % {"max": DECLINE_REASON_MAX_LENGTH}}
        )
    referral.status = Referral.Status.DECLINED
    referral.decline_reason = reason
    referral.decided_by = actor
    referral.decided_at = timezone.now()
    referral.full_clean()
    referral.save()
    return referral
