"""Writes of equipment: registering a device, moving it along the chain, recording an
erasure, handing it over (donation, loan, sale) and ending a loan.

The chain allows only the moves in TRANSITIONS; a forbidden move raises a French message
and changes nothing. A device becomes ready only with a successful erasure recorded since it
arrived (or came back).
"""

import calendar
import datetime
import hashlib
import re
from decimal import Decimal, InvalidOperation

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from accounts.models import Organisation, Role
from accounts.scoping import scoped_get, works_for
from cohorts.evidence import signature_png
from cohorts.models import Enrolment
from cohorts.selectors import cohort_completions

from .models import EQUIPMENT_ROLES, Device, DeviceEvent, ErasureRecord, FundingShare, Handover

S = Device.Status
TRANSITIONS = {
    S.RECEIVED: {S.IDENTIFIED, S.RECYCLED},
    S.IDENTIFIED: {S.ERASED, S.RECYCLED},
    S.ERASED: {S.REPAIRED, S.RECYCLED},
    S.REPAIRED: {S.READY, S.RECYCLED},
    S.READY: {S.RESERVED, S.HANDED_OVER, S.RECYCLED},
    S.RESERVED: {S.READY, S.HANDED_OVER, S.RECYCLED},
    S.HANDED_OVER: {S.RETURNED},
    S.RETURNED: {S.ERASED, S.RECYCLED},
    S.RECYCLED: set(),
}
# Moves made by their own service, not by a plain "move" button.
SERVICE_ONLY = {S.HANDED_OVER, S.RETURNED}

NOT_ALLOWED = gettext_noop("Vous ne pouvez pas modifier les appareils de cette structure.")
MOVE_FORBIDDEN = gettext_noop(
    "Un appareil « %(current)s » ne peut pas passer à « %(target)s ». Étapes possibles : "
    "%(allowed)s."
)
MOVE_NEEDS_ERASURE = gettext_noop(
    "Pas d'effacement réussi enregistré depuis l'arrivée de l'appareil : notez d'abord "
    "l'effacement des données et son certificat."
)
RECYCLE_NEEDS_REFERENCE = gettext_noop("Indiquez la référence de l'enlèvement DEEE.")
RESERVE_NEEDS_ENROLMENT = gettext_noop("Choisissez la personne pour qui réserver l'appareil.")
SERIAL_TAKEN = gettext_noop("Le numéro de série %(serial)s est déjà enregistré (%(code)s).")
ERASURE_CERTIFICATE_NOT_PDF = gettext_noop("Le certificat doit être un fichier PDF.")
ERASURE_WRONG_STEP = gettext_noop(
    "L'effacement se note quand l'appareil est identifié ou rendu (ici : « %(current)s »)."
)
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
HANDOVER_NOT_A_LOAN = gettext_noop("Seul un prêt en cours peut se terminer ainsi.")
FORMULA_INVALID = gettext_noop("Choisissez don, prêt ou vente solidaire.")
HANDOVER_ALREADY_SIGNED = gettext_noop(
    "Ce document est déjà signé : la signature ne peut plus changer."
)

LOAN_DEFAULT_MONTHS = 6
CENT = Decimal("0.01")


def _check_staff(actor, organisation, roles=EQUIPMENT_ROLES):
    if not works_for(actor, organisation, roles):
        raise PermissionDenied(_(NOT_ALLOWED))


def inventory_prefix(organisation):
    """The structure's initials: passerelles-numeriques → PN."""
    words = [w for w in re.split(r"[-_ ]+", organisation.slug or organisation.name) if w]
    letters = "".join(word[0] for word in words if word[0].isalnum()).upper()
    return (letters or "TR")[:3]


def inventory_code_next(organisation):
    """The next free code of the structure (PN-00042); call inside a transaction that holds
    the organisation row, so that two registrations never draw the same number."""
    prefix = inventory_prefix(organisation)
    codes = Device.objects.filter(inventory_code__startswith=f"{prefix}-").values_list(
        "inventory_code", flat=True
    )
    numbers = [int(code.split("-")[-1]) for code in codes if code.split("-")[-1].isdigit()]
    return f"{prefix}-{max(numbers, default=0) + 1:05d}"


def _record(device, from_status, to_status, actor, note=""):
    DeviceEvent.objects.create(
        device=device, from_status=from_status, to_status=to_status, actor=actor, note=note[:300]
    )


@transaction.atomic
def device_register(*, actor, organisation, kind, serial_number="", **fields):
    """Register a device received by the structure; it gets its inventory code."""
    _check_staff(actor, organisation, ("coordinator", "technician"))
    Organisation.objects.select_for_update().get(pk=organisation.pk)
    serial_number = (serial_number or "").strip()
    if serial_number:
        taken = Device.objects.filter(
            organisation=organisation, serial_number=serial_number
        ).first()
        if taken is not None:
            raise ValidationError(
                _(SERIAL_TAKEN) % {"serial": serial_number, "code": taken.inventory_code}
            )
    device = Device(
        organisation=organisation,
        inventory_code=inventory_code_next(organisation),
        kind=kind,
        serial_number=serial_number,
        **fields,
    )
    device.full_clean()
    device.save()
    _record(device, "", S.RECEIVED, actor)
    return device


def _locked_device(actor, device_id):
    return scoped_get(
        Device.objects.select_for_update(), actor=actor, pk=device_id, denied=NOT_ALLOWED
    )


def erased_since_arrival(device):
    """A successful erasure recorded after the device arrived or last came back."""
    back = (
        device.events.filter(to_status__in=[S.RECEIVED, S.RETURNED])
        .order_by("-at", "-pk")
        .values_list("at", flat=True)
        .first()
    )
    erasures = device.erasures.filter(result=ErasureRecord.Result.SUCCESS)
    if back is not None:
        erasures = erasures.filter(created_at__gte=back)
    return erasures.exists()


def _forbidden(device, target):
    allowed = sorted(TRANSITIONS[device.status] - SERVICE_ONLY)
    labels = ", ".join(str(S(status).label) for status in allowed) or "—"
    return ValidationError(
        _(MOVE_FORBIDDEN)
        % {"current": device.get_status_display(), "target": S(target).label, "allowed": labels}
    )


def _move(device, target, actor, note=""):
    previous = device.status
    device.status = target
    device.status_changed_at = timezone.now()
    device.save()
    _record(device, previous, target, actor, note)
    return device


@transaction.atomic
def device_move(*, actor, device_id, to_status, note="", weee_reference="", enrolment=None):
    """Move a device one step along the chain, if that step is allowed from where it is."""
    device = _locked_device(actor, device_id)
    if to_status not in S.values or to_status in SERVICE_ONLY:
        raise _forbidden(device, to_status if to_status in S.values else S.RECEIVED)
    if to_status not in TRANSITIONS[device.status]:
        raise _forbidden(device, to_status)
    if to_status in (S.ERASED, S.READY) and not erased_since_arrival(device):
        raise ValidationError(_(MOVE_NEEDS_ERASURE))
    if to_status == S.RECYCLED:
        if not weee_reference.strip():
            raise ValidationError(_(RECYCLE_NEEDS_REFERENCE))
        device.weee_reference = weee_reference.strip()[:100]
    if to_status == S.RESERVED:
        if enrolment is None or enrolment.cohort.organisation_id != device.organisation_id:
            raise ValidationError(_(RESERVE_NEEDS_ENROLMENT))
        device.reserved_for = enrolment
    elif device.status == S.RESERVED:
        device.reserved_for = None
    return _move(device, to_status, actor, note)


@transaction.atomic
def erasure_record(
    *, actor, device_id, method, standard, performed_on, result, certificate=None, notes=""
):
    """Record an erasure of the device's data; a successful one moves an identified or
    returned device to "data erased"."""
    device = _locked_device(actor, device_id)
    if device.status not in (S.IDENTIFIED, S.RETURNED, S.ERASED):
        raise ValidationError(_(ERASURE_WRONG_STEP) % {"current": device.get_status_display()})
    if certificate is not None:
        head = certificate.read(5)
        certificate.seek(0)
        if head != b"%PDF-":
            raise ValidationError(_(ERASURE_CERTIFICATE_NOT_PDF))
    record = ErasureRecord(
        device=device,
        method=method,
        standard=standard,
        operator=actor,
        performed_on=performed_on,
        result=result,
        notes=notes,
    )
    if certificate is not None:
        record.certificate.save(f"effacement-{device.inventory_code}.pdf", certificate, save=False)
    record.full_clean()
    record.save()
    if result == ErasureRecord.Result.SUCCESS and device.status in (S.IDENTIFIED, S.RETURNED):
        _move(device, S.ERASED, actor, record.get_method_display())
    return record


def _amount(value):
    if value in (None, ""):
        return None
    try:
        amount = Decimal(str(value).replace(",", ".").replace("€", "").strip()).quantize(CENT)
    except InvalidOperation as error:
        raise ValidationError(_(AMOUNT_INVALID) % {"value": value}) from error
    if amount < 0:
        raise ValidationError(_(AMOUNT_INVALID) % {"value": value})
    return amount


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
    buyout_price=None,
    price=None,
    learner_share=None,
    funding=(),
    at_home=False,
):
    """Hand a ready (or reserved) device to an eligible learner. Two people handing over the
    same device at the same moment: the device row is locked, exactly one succeeds.

    `funding` is a list of (programme, amount): the funders' shares of a sale, which with
    the learner's share must make the price."""
    device = _locked_device(actor, device_id)
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
        handover.buyout_price = _amount(buyout_price)
    elif formula == Handover.Formula.SALE:
        handover.price = _amount(price) if price not in (None, "") else device.price
        if handover.price is None:
            raise ValidationError(_(SALE_PRICE_NEEDED))
        handover.learner_share = _amount(learner_share) or Decimal("0.00")
        for programme, amount in funding:
            if programme.organisation_id != device.organisation_id:
                raise ValidationError(_(FUNDING_PROGRAMME_INVALID) % {"programme": programme})
            shares.append(FundingShare(programme=programme, amount=_amount(amount)))
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
    _move(device, S.HANDED_OVER, actor, f"{handover.get_formula_display()} — {enrolment.learner}")
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


def months_later(day, months):
    """The same day `months` later, or the month's last day (31 August + 6 → 28 February)."""
    month = day.month - 1 + months
    year = day.year + month // 12
    month = month % 12 + 1
    last_day = calendar.monthrange(year, month)[1]
    return datetime.date(year, month, min(day.day, last_day))


@transaction.atomic
def loan_end(*, actor, handover_id, bought):
    """End a loan: the learner buys the device (it stays theirs), or gives it back (it
    goes back to erasure)."""
    handover = scoped_get(
        Handover.objects.select_related("device"),
        actor=actor,
        pk=handover_id,
        for_update=True,
        denied=NOT_ALLOWED,
    )
    if handover.formula != Handover.Formula.LOAN or handover.status != Handover.Status.ACTIVE:
        raise ValidationError(_(HANDOVER_NOT_A_LOAN))
    handover.ended_on = timezone.localdate()
    if bought:
        handover.status = Handover.Status.BOUGHT
        handover.save(update_fields=["status", "ended_on"])
        _record(handover.device, S.HANDED_OVER, S.HANDED_OVER, actor, _("Acheté en fin de prêt"))
        return handover
    handover.status = Handover.Status.RETURNED
    handover.save(update_fields=["status", "ended_on"])
    device = _locked_device(actor, handover.device_id)
    _move(device, S.RETURNED, actor, _("Fin du prêt"))
    return handover


def loans_ending(*, organisation_ids, today=None, days=14):
    """Active loans that end within `days` (or are overdue), soonest first."""
    today = today or timezone.localdate()
    return (
        Handover.objects.filter(
            device__organisation_id__in=organisation_ids,
            formula=Handover.Formula.LOAN,
            status=Handover.Status.ACTIVE,
            loan_ends_on__lte=today + datetime.timedelta(days=days),
        )
        .select_related("device", "enrolment__learner", "enrolment__cohort")
        .order_by("loan_ends_on")
    )


def device_for_code(*, actor, code):
    """Open a device by its inventory code (typed or scanned), in the actor's structures."""
    code = (code or "").strip().upper()
    return (
        Device.objects.visible_to(actor)
        .filter(Q(inventory_code=code) | Q(serial_number__iexact=code))
        .first()
    )


def role_may_edit(actor, organisation):
    return works_for(actor, organisation, (Role.COORDINATOR, Role.TECHNICIAN))
