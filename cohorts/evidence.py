"""Services of the evidence: signatures drawn on screen, the paper sheet, diplomas and
attendance certificates, and the batch of them printed for the ceremony.

A closed meeting's signatures never change; a diploma is issued once per enrolment and kind,
as it was on that day.
"""

import hashlib
import secrets

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.core.mail import EmailMessage
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from PIL import Image, UnidentifiedImageError

from accounts.models import Role
from accounts.scoping import scoped_get, works_for
from core.signatures import signature_png
from documents.identity import site_branding
from documents.store import document_request

from .models import Attendance, Cohort, Diploma, Enrolment, Meeting, Signature
from .printables import DiplomaPrintable, display_code
from .selectors import cohort_completions, competences_attended
from .services import ROLL_NOT_ALLOWED, meeting_is_last

SIGNATURE_CLOSED = gettext_noop(
    "Cette séance est terminée : les signatures ne peuvent plus changer."
)
SIGNATURE_NOT_PRESENT = gettext_noop(
    "Seule une personne notée présente ou en retard peut signer la feuille."
)
SIGNATURE_NOT_TRAINER = gettext_noop("Seul un formateur de ce groupe peut signer comme formateur.")
PAPER_SHEET_INVALID = gettext_noop(
    "Déposez une photo (JPEG ou PNG) ou un PDF de la feuille signée, de 10 Mo au plus."
)
PAPER_SHEET_LOCKED = gettext_noop(
    "Une feuille signée est déjà jointe à cette séance terminée : elle reste telle quelle."
)
DIPLOMA_NOT_COMPLETED = gettext_noop(
    "%(name)s n'a pas terminé le parcours : pas de diplôme, mais une attestation de présence."
)
DIPLOMA_DECISION_NOT_ALLOWED = gettext_noop(
    "Seule la coordination peut délivrer un diplôme quand la règle n'est pas remplie."
)
DIPLOMA_REASON_NEEDED = gettext_noop("Indiquez la raison de cette décision.")
CERTIFICATE_NO_HOURS = gettext_noop("%(name)s n'a suivi aucune séance : pas d'attestation.")
DIPLOMAS_LAST_MEETING_OPEN = gettext_noop(
    "Terminez d'abord la dernière séance : les diplômes suivent son appel."
)

PAPER_SHEET_MAX_BYTES = 10 * 1024 * 1024
CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, no 1/I
CODE_LENGTH = 10
DIPLOMA_BATCH_KIND = "diploma_batch"


def _locked_meeting(actor, meeting_id):
    return scoped_get(
        Meeting.objects.select_for_update().select_related("cohort"),
        actor=actor,
        pk=meeting_id,
        denied=ROLL_NOT_ALLOWED,
    )


def _may_sign_as_trainer(actor, cohort):
    return cohort.trainers.filter(pk=actor.pk).exists() or works_for(
        actor, cohort.organisation, [Role.COORDINATOR]
    )


@transaction.atomic
def meeting_sign(*, actor, meeting_id, data_url, learner_id=None, ip_address=None, user_agent=""):
    """Keep a signature drawn on screen: a learner present (their signature is captured on
    the trainer's device, so `captured_by` says whose), or, without `learner_id`, the trainer
    themself. Signing again before the meeting is closed replaces the drawing."""
    meeting = _locked_meeting(actor, meeting_id)
    if meeting.closed_at is not None:
        raise ValidationError(_(SIGNATURE_CLOSED))
    if learner_id is not None:
        present = Attendance.objects.filter(
            meeting=meeting,
            learner_id=learner_id,
            mark__in=[Attendance.Mark.PRESENT, Attendance.Mark.LATE],
        ).exists()
        if not present:
            raise ValidationError(_(SIGNATURE_NOT_PRESENT))
        lookup = {"role": Signature.Role.LEARNER, "learner_id": learner_id}
    else:
        if not _may_sign_as_trainer(actor, meeting.cohort):
            raise ValidationError(_(SIGNATURE_NOT_TRAINER))
        lookup = {"role": Signature.Role.TRAINER, "trainer": actor}
    png = signature_png(data_url)
    signature = Signature.objects.filter(meeting=meeting, **lookup).first() or Signature(
        meeting=meeting, **lookup
    )
    old_file = signature.image.name if signature.pk else None
    signature.sha256 = hashlib.sha256(png).hexdigest()
    signature.signed_at = timezone.now()
    signature.captured_by = actor
    signature.ip_address = ip_address or None
    signature.user_agent = (user_agent or "")[:300]
    signature.image.save(f"signature-{meeting.pk}.png", ContentFile(png), save=False)
    signature.save()
    if old_file:
        transaction.on_commit(lambda: signature.image.storage.delete(old_file))
    return signature


def _paper_sheet_kind(upload):
    head = upload.read(8)
    upload.seek(0)
    if head.startswith(b"%PDF-"):
        return "pdf"
    try:
        with Image.open(upload) as image:
            kind = {"JPEG": "jpg", "PNG": "png"}.get(image.format)
            image.verify()
    except (UnidentifiedImageError, OSError):
        kind = None
    upload.seek(0)
    return kind


@transaction.atomic
def meeting_attach_paper_sheet(*, actor, meeting_id, upload):
    """Attach the photo or scan of the sheet signed on paper. Once the meeting is closed, a
    sheet already attached stays as it is."""
    meeting = _locked_meeting(actor, meeting_id)
    if meeting.closed_at is not None and meeting.paper_sheet:
        raise ValidationError(_(PAPER_SHEET_LOCKED))
    if upload is None or not 0 < upload.size <= PAPER_SHEET_MAX_BYTES:
        raise ValidationError(_(PAPER_SHEET_INVALID))
    kind = _paper_sheet_kind(upload)
    if kind is None:
        raise ValidationError(_(PAPER_SHEET_INVALID))
    old_file = meeting.paper_sheet.name or None
    meeting.paper_sheet.save(
        f"emargement-{meeting.cohort_id}-{meeting.number}.{kind}", upload, save=False
    )
    meeting.paper_sheet_added_at = timezone.now()
    meeting.paper_sheet_added_by = actor
    meeting.save(update_fields=["paper_sheet", "paper_sheet_added_at", "paper_sheet_added_by"])
    if old_file:
        transaction.on_commit(lambda: meeting.paper_sheet.storage.delete(old_file))
    return meeting


def diploma_code():
    return "".join(secrets.choice(CODE_ALPHABET) for _position in range(CODE_LENGTH))


def diploma_code_normalise(code):
    """What people type from the paper: lower case, dashes, spaces, O for 0…"""
    return "".join(ch for ch in str(code).upper() if ch.isalnum())[:20]


def _diploma(enrolment, kind, completion, competences, actor, reason=""):
    learner, cohort = enrolment.learner, enrolment.cohort
    return Diploma(
        enrolment=enrolment,
        kind=kind,
        code=diploma_code(),
        first_name=learner.first_name,
        last_name=learner.last_name,
        track_title=cohort.track.title,
        organisation_name=cohort.organisation.name,
        attended_minutes=completion.attended_minutes,
        planned_minutes=completion.planned_minutes,
        competences=competences,
        issued_on=timezone.localdate(),
        issued_by=actor,
        decision_reason=reason,
    )


def _save_new(diplomas):
    """Insert the new diplomas; a code already taken (one chance in 10^15) is drawn again."""
    for diploma in diplomas:
        for attempt in range(5):
            try:
                with transaction.atomic():
                    diploma.save()
                break
            except IntegrityError:
                if Diploma.objects.filter(enrolment=diploma.enrolment, kind=diploma.kind).exists():
                    raise
                if attempt == 4:
                    raise
                diploma.code = diploma_code()
    return diplomas


def _scoped_cohort(actor, cohort_id):
    return scoped_get(
        Cohort.objects.select_for_update().select_related("track", "organisation"),
        actor=actor,
        pk=cohort_id,
        denied=ROLL_NOT_ALLOWED,
    )


@transaction.atomic
def cohort_issue_documents(*, actor, cohort_id):
    """At the end of a track: a diploma for each enrolment completed, an attendance
    certificate for each other learner still enrolled who attended something. What was
    issued before is kept as it was. Returns the cohort's documents, by learner name."""
    cohort = _scoped_cohort(actor, cohort_id)
    last = cohort.meetings.exclude(status=Meeting.Status.CANCELLED).order_by("-number").first()
    if last is None or not meeting_is_last(last) or last.closed_at is None:
        raise ValidationError(_(DIPLOMAS_LAST_MEETING_OPEN))
    completions = {c.learner_id: c for c in cohort_completions(cohort=cohort)}
    competences = competences_attended(cohort=cohort)
    enrolments = (
        cohort.enrolments.exclude(status=Enrolment.Status.DROPPED)
        .select_related("learner")
        .order_by("learner__last_name", "learner__first_name")
    )
    issued = set(
        Diploma.objects.filter(enrolment__cohort=cohort).values_list("enrolment_id", "kind")
    )
    new = []
    for enrolment in enrolments:
        enrolment.cohort = cohort
        completion = completions[enrolment.learner_id]
        if enrolment.status == Enrolment.Status.COMPLETED:
            kind = Diploma.Kind.DIPLOMA
        elif completion.attended_minutes > 0:
            kind = Diploma.Kind.CERTIFICATE
        else:
            continue
        if (enrolment.pk, kind) in issued or (enrolment.pk, Diploma.Kind.DIPLOMA) in issued:
            continue
        new.append(
            _diploma(enrolment, kind, completion, competences.get(enrolment.learner_id, []), actor)
        )
    _save_new(new)
    return list(
        Diploma.objects.filter(enrolment__cohort=cohort)
        .exclude(enrolment__status=Enrolment.Status.DROPPED)
        .order_by("last_name", "first_name", "kind")
    )


@transaction.atomic
def diploma_issue(*, actor, enrolment_id, kind, reason=""):
    """One diploma or certificate for one enrolment. A diploma needs the enrolment completed
    under the track's rule, or a coordinator's decision with its reason. Asking again gives
    the document already issued."""
    enrolment = (
        Enrolment.objects.visible_to(actor)
        .select_related("learner", "cohort__track", "cohort__organisation")
        .filter(pk=enrolment_id)
        .first()
    )
    if enrolment is None:
        raise PermissionDenied(_(ROLL_NOT_ALLOWED))
    _scoped_cohort(actor, enrolment.cohort_id)  # one issue at a time per cohort
    existing = Diploma.objects.filter(enrolment=enrolment, kind=kind).first()
    if existing is not None:
        return existing
    cohort = enrolment.cohort
    completion = next(
        c for c in cohort_completions(cohort=cohort) if c.learner_id == enrolment.learner_id
    )
    reason = (reason or "").strip()
    name = str(enrolment.learner)
    if kind == Diploma.Kind.DIPLOMA and enrolment.status != Enrolment.Status.COMPLETED:
        if not works_for(actor, cohort.organisation, [Role.COORDINATOR]):
            raise ValidationError(_(DIPLOMA_NOT_COMPLETED) % {"name": name})
        if not reason:
            raise ValidationError(_(DIPLOMA_REASON_NEEDED))
    elif kind == Diploma.Kind.DIPLOMA:
        reason = ""
    elif completion.attended_minutes == 0:
        raise ValidationError(_(CERTIFICATE_NO_HOURS) % {"name": name})
    else:
        reason = ""
    competences = competences_attended(cohort=cohort).get(enrolment.learner_id, [])
    (diploma,) = _save_new([_diploma(enrolment, kind, completion, competences, actor, reason)])
    return diploma


def cohort_diploma_batch_request(*, actor, cohort_id, verify_url):
    """Issue what is due, then ask a worker for one PDF of all of them (one page each), for
    the ceremony. The same documents and branding give the same PDF, made once."""
    diplomas = cohort_issue_documents(actor=actor, cohort_id=cohort_id)
    branding = site_branding()
    document = document_request(
        kind=DIPLOMA_BATCH_KIND,
        content=[[d.pk, d.code] for d in diplomas] + [branding, verify_url],
        params={"diploma_ids": [d.pk for d in diplomas], "verify_url": verify_url},
        task="cohorts.tasks.diploma_batch_render",
        requested_by=actor,
    )
    Cohort.objects.filter(pk=cohort_id).update(diploma_batch=document)
    return document


def _diploma_message(diploma, email, verify_url, pdf, filename):
    is_diploma = diploma.kind == Diploma.Kind.DIPLOMA
    what = _("votre diplôme") if is_diploma else _("votre attestation de présence")
    url = f"{verify_url.rstrip('/')}/{diploma.code}/"
    body = "\n".join(
        [
            _("Bonjour %(name)s,") % {"name": diploma.first_name},
            "",
            _("Vous trouverez ci-joint %(what)s du parcours « %(track)s », délivré par %(org)s.")
            % {"what": what, "track": diploma.track_title, "org": diploma.organisation_name},
            _("Son code de vérification est %(code)s : %(url)s")
            % {"code": display_code(diploma.code), "url": url},
            "",
            _("Ce message est envoyé automatiquement, une seule fois."),
        ]
    )
    subject = _("Votre diplôme : %(track)s") if is_diploma else _("Votre attestation : %(track)s")
    message = EmailMessage(subject=subject % {"track": diploma.track_title}, body=body, to=[email])
    message.attach(filename, pdf, "application/pdf")
    return message


def diploma_email(*, diploma_id, verify_url):
    """E-mail one diploma or certificate, as a one-page PDF, to the learner's address, once.

    Run by the worker after the ceremony batch. `emailed_at` is read under a lock on the row
    and written in the same transaction as the sending, so a second run, a retried task or a
    second worker sends nothing more. As for the funder reports (reports/tasks.py), only a
    crash in the milliseconds between the mail server accepting the message and the commit
    could send it twice; a crash anywhere else sends it once on the retry, never zero times.
    Returns whether this call sent it."""
    diploma = Diploma.objects.select_related("enrolment__learner").filter(pk=diploma_id).first()
    if diploma is None or diploma.emailed_at is not None:
        return False
    email = diploma.enrolment.learner.email.strip()
    if not email:
        return False
    # Made before taking the lock: the PDF takes a moment, the lock should not.
    printable = DiplomaPrintable(diplomas=[diploma], verify_url=verify_url)
    pdf = printable.render()
    with transaction.atomic():
        # The update takes SQLite's write lock (select_for_update is a no-op there).
        Diploma.objects.filter(pk=diploma_id).update(emailed_at=F("emailed_at"))
        locked = Diploma.objects.select_for_update().get(pk=diploma_id)
        if locked.emailed_at is not None:
            return False
        with translation.override(settings.LANGUAGE_CODE):
            _diploma_message(diploma, email, verify_url, pdf, printable.filename()).send()
        locked.emailed_at = timezone.now()
        locked.save(update_fields=["emailed_at"])
    return True
