"""Handing a device over to a learner at the end of their track: who may receive one and why
not, the formula (donation, loan, sale) and who pays, and the learner's signature.

Amounts arrive as Decimals (the forms read what was typed); the service checks that the
shares of a sale make its price.
"""

import hashlib
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from accounts.scoping import scoped_get
from cohorts.models import Enrolment
from cohorts.selectors import cohort_completions
from core.numbers import CENT
from core.signatures import signature_png

from ..chain import NOT_ALLOWED, S, locked_device, step
from ..models import FundingShare, Handover
from .loans import LOAN_DEFAULT_MONTHS, months_later

HANDOVER_NOT_AVAILABLE = gettext_noop(
    "Cet appareil n'est pas disponible (étape « %(current)s ») : il a peut-être été remis à "
    "l'instant par quelqu'un d'autre."
)
HANDOVER_RESERVED_FOR_OTHER = gettext_noop("Cet appareil est réservé pour une autre personne.")
HANDOVER_NOT_ELIGIBLE = gettext_noop(
    "%(name)s n'a pas terminé le parcours selon sa règle : pas d'appareil à remettre."
)
HANDOVER_TRACK_WITHOUT_DEVICE = gettext_noop("Ce parcours ne prévoit pas de remise d'appareil.")
HANDOVER_ONE_PER_FAMILY = gettext_noop(
    "Un appareil a déjà été remis à ce foyer (%(name)s) : un seul par foyer sur ce parcours."
)
HANDOVER_ALREADY = gettext_noop("%(name)s a déjà reçu un appareil dans ce groupe.")
HANDOVER_OTHER_ORGANISATION = gettext_noop(
    "L'appareil et la personne ne dépendent pas de la même structure."
)
LOAN_END_INVALID = gettext_noop("La fin du prêt doit être après aujourd'hui.")
SALE_PRICE_NEEDED = gettext_noop("Indiquez le prix de vente.")
AMOUNT_INVALID = gettext_noop("« %(value)s » n'est pas un montant en euros.")
SPLIT_MISMATCH = gettext_noop(
    "Les parts ne font pas le prix : %(learner)s € pour la personne et %(funders)s € pour "
    "les financeurs, soit %(total)s €, pour un prix de %(price)s €."
)
FUNDING_PROGRAMME_INVALID = gettext_noop(
    "Le dispositif « %(programme)s » n'est pas un dispositif de la structure."
)
FORMULA_INVALID = gettext_noop("Choisissez don, prêt ou vente solidaire.")
HANDOVER_ALREADY_SIGNED = gettext_noop(
    "Ce document est déjà signé : la signature ne peut plus changer."
)


def _cents(amount):
    """An amount in euros to the cent; None stays None. A negative amount is refused here
    too, whoever the caller."""
    if amount is None:
        return None
    if amount < 0:
        raise ValidationError(_(AMOUNT_INVALID) % {"value": amount})
    return amount.quantize(CENT)


def devices_held(*, cohort):
    """Who already holds a device for this cohort's track in its structure: the enrolment
    ids, and each household (lower case) with the learner who holds it. One query."""
    enrolments, households = set(), {}
    rows = (
        Handover.objects.exclude(status=Handover.Status.RETURNED)
        .filter(
            enrolment__cohort__organisation_id=cohort.organisation_id,
            enrolment__cohort__track_id=cohort.track_id,
        )
        .select_related("enrolment__learner")
    )
    for handover in rows:
        enrolments.add(handover.enrolment_id)
        household = handover.enrolment.learner.household.strip().lower()
        if household:
            households.setdefault(household, handover.enrolment.learner)
    return enrolments, households


def handover_eligibility(*, enrolment, completions=None, held=None):
    """None when the learner may receive a device at the end of this cohort, else the
    French reason why not (the track's rule, one device per family, already received).
    A page listing a whole cohort passes `completions` and `held` (from `devices_held`)
    computed once."""
    cohort = enrolment.cohort
    track = cohort.track
    if not track.device_handover:
        return _(HANDOVER_TRACK_WITHOUT_DEVICE)
    if completions is None:
        completions = {c.learner_id: c for c in cohort_completions(cohort=cohort)}
    completion = completions.get(enrolment.learner_id)
    if enrolment.status == Enrolment.Status.DROPPED or not (completion and completion.completed):
        return _(HANDOVER_NOT_ELIGIBLE) % {"name": enrolment.learner}
    enrolments, households = held if held is not None else devices_held(cohort=cohort)
    if enrolment.pk in enrolments:
        return _(HANDOVER_ALREADY) % {"name": enrolment.learner}
    household = enrolment.learner.household.strip().lower()
    if track.one_device_per_family and household in households:
        return _(HANDOVER_ONE_PER_FAMILY) % {"name": households[household]}
    return None


@transaction.atomic
def device_hand_over(
    *,
    actor,
    device_id,
    enrolment_id,
    formula,
    loan_ends_on=None,
    buyout_price: Decimal | None = None,
    price: Decimal | None = None,
    learner_share: Decimal | None = None,
    funding=(),
    at_home=False,
):
    """Hand a ready (or reserved) device to an eligible learner. Two people handing over the
    same device at the same moment: the device row is locked, exactly one succeeds.

    `funding` is a list of (programme, Decimal amount): the funders' shares of a sale,
    which with the learner's share must make the price."""
    device = locked_device(actor, device_id)
    enrolment = (
        Enrolment.objects.select_for_update(of=("self",))
        .select_related("learner", "cohort__track")
        .filter(pk=enrolment_id)
        .first()
    )
    if (
        enrolment is None
        or not Enrolment.objects.visible_to(actor).filter(pk=enrolment_id).exists()
    ):
        raise PermissionDenied(_(NOT_ALLOWED))
    if enrolment.cohort.organisation_id != device.organisation_id:
        raise ValidationError(_(HANDOVER_OTHER_ORGANISATION))
    if device.status not in (S.READY, S.RESERVED):
        raise ValidationError(_(HANDOVER_NOT_AVAILABLE) % {"current": device.get_status_display()})
    if device.status == S.RESERVED and device.reserved_for_id not in (None, enrolment.pk):
        raise ValidationError(_(HANDOVER_RESERVED_FOR_OTHER))
    reason = handover_eligibility(enrolment=enrolment)
    if reason:
        raise ValidationError(reason)
    handover = Handover(
        device=device,
        enrolment=enrolment,
        formula=formula,
        handed_over_by=actor,
        at_home=bool(at_home),
    )
    shares = []
    if formula == Handover.Formula.LOAN:
        today = timezone.localdate()
        ends = loan_ends_on or months_later(today, LOAN_DEFAULT_MONTHS)
        if ends <= today:
            raise ValidationError(_(LOAN_END_INVALID))
        handover.loan_ends_on = ends
        handover.buyout_price = _cents(buyout_price)
    elif formula == Handover.Formula.SALE:
        handover.price = _cents(price) if price is not None else device.price
        if handover.price is None:
            raise ValidationError(_(SALE_PRICE_NEEDED))
        handover.learner_share = _cents(learner_share) or Decimal("0.00")
        for programme, amount in funding:
            if programme.organisation_id != device.organisation_id:
                raise ValidationError(_(FUNDING_PROGRAMME_INVALID) % {"programme": programme})
            shares.append(FundingShare(programme=programme, amount=_cents(amount)))
        funders = sum((share.amount for share in shares), Decimal("0.00"))
        if handover.learner_share + funders != handover.price:
            raise ValidationError(
                _(SPLIT_MISMATCH)
                % {
                    "learner": handover.learner_share,
                    "funders": funders,
                    "total": handover.learner_share + funders,
                    "price": handover.price,
                }
            )
    elif formula != Handover.Formula.DONATION:
        raise ValidationError(_(FORMULA_INVALID))
    handover.full_clean(exclude=["learner_signature"], validate_constraints=False)
    try:
        with transaction.atomic():
            handover.save()
    except IntegrityError as error:  # another hand-over of this device won the race
        raise ValidationError(
            _(HANDOVER_NOT_AVAILABLE) % {"current": S.HANDED_OVER.label}
        ) from error
    for share in shares:
        share.handover = handover
        share.save()
    device.reserved_for = None
    step(device, S.HANDED_OVER, actor, f"{handover.get_formula_display()} — {enrolment.learner}")
    return handover


@transaction.atomic
def handover_sign(*, actor, handover_id, data_url):
    """Keep the drawing the learner made on the trainer's screen. Once signed, the document
    stays as it was signed: a second drawing is refused, not swapped in."""
    handover = scoped_get(
        Handover.objects, actor=actor, pk=handover_id, for_update=True, denied=NOT_ALLOWED
    )
    if handover.learner_signed_at is not None or handover.learner_signature:
        raise ValidationError(_(HANDOVER_ALREADY_SIGNED))
    png = signature_png(data_url)
    digest = hashlib.sha256(png).hexdigest()[:12]
    handover.learner_signature.save(
        f"remise-{handover.pk}-{digest}.png", ContentFile(png), save=False
    )
    handover.learner_signed_at = timezone.now()
    handover.save(update_fields=["learner_signature", "learner_signed_at"])
    return handover
