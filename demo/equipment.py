"""Demo stock of Les Passerelles numériques: two donors and about forty devices spread
over the refurbishing chain, moved by Lucas Moreau (the workshop technician) through the
real services, with erasure records and their certificates. At least eight devices are
ready, so that the demo trainer can hand some over at today's last meeting of the parents'
cohort; nothing is handed over here.

Loading twice changes nothing: donors are found by their name, devices by their serial
number, and a device found is left as it is.
"""

import datetime
import random

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from accounts.models import Organisation, User
from cohorts.models import Enrolment
from documents.renderer import render_pdf
from equipment import services
from equipment.models import Device, DeviceEvent, Donor, ErasureRecord

S = Device.Status
E = ErasureRecord

DONORS = [
    (
        "Caisse d'Épargne Aquitaine Poitou-Charentes",
        "Service des moyens généraux — Laurent Garcia",
        "moyens-generaux@caisse-epargne-apc.example",
    ),
    (
        "Mairie de Bordeaux — service informatique",
        "Direction du numérique — Sophie Martin",
        "reemploi-numerique@mairie-bordeaux.example",
    ),
]

# kind, brand, model, processor, memory (Go), storage (Go), system, ready price (€)
# fmt: off
MODELS = {
    "T480": ("laptop", "Lenovo", "ThinkPad T480", "Intel Core i5-8350U", 8, 256,
             "Windows 11 Professionnel", 150),
    "T470s": ("laptop", "Lenovo", "ThinkPad T470s", "Intel Core i5-7300U", 8, 256,
              "Linux Mint 22", 120),
    "5490": ("laptop", "Dell", "Latitude 5490", "Intel Core i5-8250U", 8, 256,
             "Windows 11 Professionnel", 140),
    "7490": ("laptop", "Dell", "Latitude 7490", "Intel Core i7-8650U", 16, 512,
             "Ubuntu 24.04 LTS", 180),
    "840G5": ("laptop", "HP", "EliteBook 840 G5", "Intel Core i5-8350U", 16, 512,
              "Windows 11 Professionnel", 170),
    "7060": ("desktop", "Dell", "OptiPlex 7060 Micro", "Intel Core i5-8500T", 8, 256,
             "Linux Mint 22", 90),
    "800G4": ("desktop", "HP", "EliteDesk 800 G4 SFF", "Intel Core i7-8700", 16, 512,
              "Windows 11 Professionnel", 110),
    "TabA": ("tablet", "Samsung", "Galaxy Tab A 10.1", "Exynos 7904", 2, 32, "Android 11", 50),
    "A52": ("smartphone", "Samsung", "Galaxy A52", "Snapdragon 720G", 6, 128, "Android 14", 60),
    "iPhone8": ("smartphone", "Apple", "iPhone 8", "Apple A11 Bionic", 2, 64, "iOS 16", 40),
    "P2219H": ("screen", "Dell", "P2219H 22 pouces", "", None, None, "", 25),
    "E243": ("screen", "HP", "EliteDisplay E243 24 pouces", "", None, None, "", 30),
}

# model, step reached, grade, donor (0, 1), collected (days ago), at this step since (days)
PLAN = [
    # Ready: the first batch of the Caisse d'Épargne, erased with Blancco as the bank asks.
    ("T480", "ready", "A", 0, 70, 21), ("T480", "ready", "B", 0, 70, 18),
    ("T480", "ready", "A", 0, 70, 15), ("T480", "ready", "B", 0, 70, 9),
    ("5490", "ready", "B", 0, 70, 14), ("5490", "ready", "A", 0, 70, 6),
    ("5490", "ready", "C", 0, 70, 4), ("840G5", "ready", "A", 0, 70, 12),
    ("840G5", "ready", "B", 0, 70, 3), ("7490", "ready", "A", 0, 70, 8),
    ("T470s", "ready", "B", 1, 42, 5), ("T470s", "ready", "C", 1, 42, 2),
    ("TabA", "ready", "B", 1, 42, 7), ("A52", "ready", "A", 1, 42, 4),
    ("T480", "reserved", "A", 0, 70, 1),
    # Repaired and tested, waiting for the last check.
    ("5490", "repaired", "B", 1, 42, 3), ("840G5", "repaired", "B", 1, 42, 6),
    ("7060", "repaired", "A", 1, 42, 9), ("TabA", "repaired", "C", 1, 42, 2),
    # Erased, waiting for repair.
    ("T480", "erased", "B", 1, 42, 12), ("T470s", "erased", "C", 1, 42, 8),
    ("800G4", "erased", "B", 1, 42, 5), ("iPhone8", "erased", "B", 1, 42, 2),
    # Identified, waiting for erasure; one erasure failed (bad sectors).
    ("T480", "identified", "", 1, 42, 18), ("5490", "identified", "", 1, 42, 14),
    ("7490", "identified-failed", "", 1, 42, 10), ("P2219H", "identified", "", 1, 42, 20),
    ("7060", "identified", "", 1, 42, 11), ("A52", "identified", "", 1, 42, 6),
    ("TabA", "identified", "", 1, 42, 3),
    # Received this week: the new batch of the Caisse d'Épargne.
    ("840G5", "received", "", 0, 6, 6), ("840G5", "received", "", 0, 6, 6),
    ("T470s", "received", "", 0, 6, 6), ("T480", "received", "", 0, 6, 6),
    ("TabA", "received", "", 0, 6, 6), ("E243", "received", "", 0, 6, 6),
    ("P2219H", "received", "", 0, 6, 6), ("800G4", "received", "", 0, 3, 3),
    # Recycled through the WEEE channel (ecosystem).
    ("P2219H", "recycled", "", 1, 42, 16), ("5490", "recycled", "", 1, 42, 10),
]
# fmt: on

PATHS = {
    "received": [S.RECEIVED],
    "identified": [S.RECEIVED, S.IDENTIFIED],
    "identified-failed": [S.RECEIVED, S.IDENTIFIED],
    "erased": [S.RECEIVED, S.IDENTIFIED, S.ERASED],
    "repaired": [S.RECEIVED, S.IDENTIFIED, S.ERASED, S.REPAIRED],
    "ready": [S.RECEIVED, S.IDENTIFIED, S.ERASED, S.REPAIRED, S.READY],
    "reserved": [S.RECEIVED, S.IDENTIFIED, S.ERASED, S.REPAIRED, S.READY, S.RESERVED],
    # The screen goes straight to WEEE; the laptop's disk is destroyed first.
    "recycled": [S.RECEIVED, S.RECYCLED],
    "recycled-destroyed": [S.RECEIVED, S.IDENTIFIED, S.ERASED, S.RECYCLED],
}
SERIAL_STYLE = {"Lenovo": "PF1{}", "Dell": "{}2", "HP": "5CG{}", "Samsung": "R52{}"}
BATCHES = {0: "CEAPC-2025-12", 1: "MAIRIE-BX-2026-01"}
NEW_BATCH = "CEAPC-2026-03"


def _serial(rng, brand):
    alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ0123456789"
    body = "".join(rng.choice(alphabet) for _i in range(6))
    if brand == "Apple":
        return "F" + body + "JC6"
    return SERIAL_STYLE.get(brand, "{}").format(body)


def _erasure_method(device, donor_index):
    if device.kind in (Device.Kind.TABLET, Device.Kind.SMARTPHONE):
        return E.Method.CRYPTO_ERASE, E.Standard.NIST_PURGE
    if donor_index == 0:
        return E.Method.BLANCCO, E.Standard.NIST_PURGE
    return E.Method.NWIPE, E.Standard.NIST_CLEAR


def _certificate(device, method, standard, performed_on, operator):
    return ContentFile(
        render_pdf(
            "demo/pdf/erasure_certificate.html",
            {
                "device": device,
                "method": E.Method(method).label,
                "standard": E.Standard(standard).label,
                "performed_on": performed_on,
                "operator": operator.get_full_name(),
            },
        ),
        name="certificat.pdf",
    )


def _schedule(path, collected, since):
    """When each step happened: arrival at 9:30 on the collection day, the last step
    `since` days ago, the steps between evenly spread."""
    now = timezone.now()
    start = timezone.make_aware(datetime.datetime.combine(collected, datetime.time(9, 30)))
    end = min(now - datetime.timedelta(days=since, hours=1), now)
    end = max(end, start)
    if len(path) == 1:
        return [start]
    step = (end - start) / (len(path) - 1)
    return [start + step * index for index in range(len(path))]


def _device(*, technician, association, donor, donor_index, spec, rng, today, reserve_for):
    key, target, grade, _donor, collected_days, since_days = spec
    kind, brand, model, processor, memory, storage, system, price = MODELS[key]
    serial = _serial(rng, brand)
    if Device.objects.filter(organisation=association, serial_number=serial).exists():
        return None
    if target == "recycled" and kind != Device.Kind.SCREEN:
        target = "recycled-destroyed"
    path = PATHS[target]
    collected = today - datetime.timedelta(days=collected_days)
    times = _schedule(path, collected, since_days)
    graded = S.ERASED in path and target != "recycled-destroyed"
    device = services.device_register(
        actor=technician,
        organisation=association,
        kind=kind,
        serial_number=serial,
        brand=brand,
        model=model,
        processor=processor,
        memory_gb=memory,
        storage_gb=storage,
        operating_system=system if graded else "",
        grade=grade if graded else "",
        donor=donor,
        collected_on=collected,
        batch=NEW_BATCH if collected_days < 10 else BATCHES[donor_index],
        price=price if S.REPAIRED in path else None,
        notes=_notes(target, kind),
    )
    erasure_ids = []
    for status, moment in zip(path[1:], times[1:], strict=True):
        if status == S.ERASED:
            method, standard = _erasure_method(device, donor_index)
            if target == "recycled-destroyed":
                method, standard = E.Method.PHYSICAL, E.Standard.NIST_DESTROY
            performed_on = timezone.localdate(moment)
            record = services.erasure_record(
                actor=technician,
                device_id=device.pk,
                method=method,
                standard=standard,
                performed_on=performed_on,
                result=E.Result.SUCCESS,
                certificate=_certificate(device, method, standard, performed_on, technician),
            )
            erasure_ids.append((record.pk, moment))
            continue
        extra = {}
        if status == S.RECYCLED:
            extra["weee_reference"] = f"ECOSYSTEM-{collected:%Y%m}-{device.pk % 1000:03d}"
        if status == S.RESERVED:
            if reserve_for is None:
                break
            extra["enrolment"] = reserve_for
        services.device_move(actor=technician, device_id=device.pk, to_status=status, **extra)
    if target == "identified-failed":
        record = services.erasure_record(
            actor=technician,
            device_id=device.pk,
            method=E.Method.NWIPE,
            standard=E.Standard.NIST_CLEAR,
            performed_on=timezone.localdate(times[-1]),
            result=E.Result.FAILURE,
            notes="Secteurs défectueux à 38 % : disque à remplacer avant un nouvel essai.",
        )
        erasure_ids.append((record.pk, times[-1] + datetime.timedelta(hours=2)))
    _backdate(device, times, erasure_ids)
    return device


def _notes(target, kind):
    if target == "recycled" and kind == Device.Kind.SCREEN:
        return "Dalle fissurée, rétroéclairage hors service."
    if target == "recycled-destroyed":
        return "Carte mère hors service (ne démarre plus) : disque détruit, appareil recyclé."
    return ""


def _backdate(device, times, erasures):
    """As if the chain had taken weeks: each event at its scheduled time."""
    events = list(DeviceEvent.objects.filter(device=device).order_by("pk"))
    # One event per step; an erasure's own move is the event of the "erased" step.
    for event, moment in zip(events, times, strict=False):
        DeviceEvent.objects.filter(pk=event.pk).update(at=moment)
    for record_id, moment in erasures:
        ErasureRecord.objects.filter(pk=record_id).update(created_at=moment)
    last = times[min(len(events), len(times)) - 1]
    Device.objects.filter(pk=device.pk).update(created_at=times[0], status_changed_at=last)


@transaction.atomic
def load_equipment(today=None):
    """The demo workshop of Les Passerelles numériques; returns its devices."""
    today = today or timezone.localdate()
    association = Organisation.objects.get(slug="passerelles-numeriques")
    technician = User.objects.get(username="lucas.moreau")
    donors = []
    for name, contact, email in DONORS:
        donor, _created = Donor.objects.get_or_create(
            organisation=association, name=name, defaults={"contact": contact, "email": email}
        )
        donors.append(donor)
    reserve_for = (
        Enrolment.objects.filter(
            cohort__organisation=association,
            cohort__name="Parents du collège Jasmin",
            learner__first_name="Fatima",
            learner__last_name="Benhaddou",
        )
        .select_related("cohort")
        .first()
    )
    rng = random.Random(20260301)  # noqa: S311 (serial numbers of a demo, not secrets)
    for spec in PLAN:
        _device(
            technician=technician,
            association=association,
            donor=donors[spec[3]],
            donor_index=spec[3],
            spec=spec,
            rng=rng,
            today=today,
            reserve_for=reserve_for,
        )
    return Device.objects.filter(organisation=association)
