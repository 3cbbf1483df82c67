"""Demo referrals sent by Nadia Haddad, social worker at the CCAS de Bordeaux, to Les
Passerelles numériques: two waiting in the coordinator's queue, one accepted (the person is a
learner with a diagnostic appointment next week), one declined with a reason.

Loading twice changes nothing: a referral is found by its prescriber, association and the
person's names, and is decided only while it is still pending.
"""

import datetime

from django.db import transaction
from django.utils import timezone

from accounts.models import Organisation, User
from cohorts import referrals
from cohorts.models import Referral

PRESCRIBER = "nadia.haddad"
COORDINATOR = "claire.martin"

# First name, last name, phone, language, reads French, need, RSA, QPV, job seeker, note,
# then the outcome: "sent", "accepted", or the reason of the refusal.
# fmt: off
REFERRALS = [
    ("Malika", "Benchekroun", "06 23 45 67 81", "ar", False, "both", True, True, False,
     "Mme a besoin d'un ordinateur pour ses démarches CAF ; ne lit pas bien le français, "
     "parle arabe. Sa fille peut traduire le mercredi.", "sent"),
    ("Jean-Pierre", "Lemaire", "07 58 12 39 64", "fr", True, "training", False, False, True,
     "M. doit s'actualiser chaque mois sur le site de France Travail et n'y arrive pas seul. "
     "A un smartphone, pas d'ordinateur.", "sent"),
    ("Aminata", "Coulibaly", "06 91 27 46 30", "fr", True, "equipment", True, True, False,
     "Mme suit une formation d'aide-soignante à distance et n'a pas d'ordinateur. "
     "Disponible le matin.", "accepted"),
    ("Samir", "Haddouche", "07 34 80 15 62", "fr", True, "training", False, True, True,
     "M. voudrait apprendre à se servir de sa messagerie et à envoyer son CV ; "
     "disponible seulement après 18 h.",
     "Nos ateliers ont lieu en journée. Le centre social de la Bastide en propose le mardi "
     "soir : nous leur avons transmis son nom."),
]
# fmt: on


def _next_week_appointment(today):
    """A weekday of next week at 10:00."""
    day = today + datetime.timedelta(days=7)
    while day.weekday() >= 5:
        day += datetime.timedelta(days=1)
    return timezone.make_aware(datetime.datetime.combine(day, referrals.DIAGNOSTIC_TIME))


@transaction.atomic
def load_referrals(today=None):
    today = today or timezone.localdate()
    prescriber = User.objects.get(username=PRESCRIBER)
    coordinator = User.objects.get(username=COORDINATOR)
    service = Organisation.objects.get(slug="ccas-bordeaux")
    association = Organisation.objects.get(slug="passerelles-numeriques")
    loaded = []
    for row in REFERRALS:
        first, last, phone, language, reads, need, rsa, qpv, job_seeker, note, outcome = row
        referral = Referral.objects.filter(
            prescriber=prescriber, organisation=association, first_name=first, last_name=last
        ).first()
        if referral is None:
            referral = referrals.referral_send(
                actor=prescriber,
                organisation=association,
                prescriber_organisation=service,
                first_name=first,
                last_name=last,
                phone=phone,
                language=language,
                reads_french=reads,
                need=need,
                receives_rsa=rsa,
                lives_in_qpv=qpv,
                is_job_seeker=job_seeker,
                note=note,
                consent=True,
            )
        if referral.status == Referral.Status.SENT and outcome == "accepted":
            referral = referrals.referral_accept(
                actor=coordinator,
                referral_id=referral.pk,
                diagnostic_at=_next_week_appointment(today),
                diagnostic_place=referrals.diagnostic_default_place(association),
            )
        elif referral.status == Referral.Status.SENT and outcome != "sent":
            referral = referrals.referral_decline(
                actor=coordinator, referral_id=referral.pk, reason=outcome
            )
        loaded.append(referral)
    return loaded
