"""Attendance sheets with signatures, paper sheets, diplomas and their public verification."""

import base64
import hashlib
import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from PIL import Image, ImageDraw

from accounts.models import Role
from cohorts import evidence, services
from cohorts.models import Diploma, Enrolment, Programme, Signature
from cohorts.tasks import diploma_batch_render
from documents.models import GeneratedDocument
from tests.cohorts.factories import make_learner, today_cohort
from tests.documents.factories import pdf_text
from tests.scoping import page_text


def drawing(ink=True, size=(600, 200), shift=0):
    """A PNG data URL as the signature pad sends it: a scribble, or an empty white pad."""
    image = Image.new("RGB", size, "white")
    if ink:
        ImageDraw.Draw(image).line(
            [(40, 150 - shift), (200, 40 + shift), (320, 160), (560, 60)], fill="black", width=4
        )
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return "data:image/png;base64," + base64.b64encode(buffer.getvalue()).decode()


def url(name, *args):
    return reverse(f"cohorts:{name}", args=args)


@pytest.fixture
def meeting(organisation, trainer, funder_organisation):
    cohort = today_cohort(organisation, trainer, learners=3)
    cohort.programme = Programme.objects.create(
        funder=funder_organisation,
        organisation=organisation,
        name="Inclusion numérique 2026",
        starts_on="2026-01-01",
        ends_on="2026-12-31",
    )
    cohort.save()
    return cohort.meetings.get(number=1)


def learners_of(cohort):
    return [e.learner for e in cohort.enrolments.order_by("learner__first_name")]


@pytest.mark.django_db
def test_a_learner_present_signs_and_can_sign_again_until_the_meeting_is_closed(trainer, meeting):
    first, second, _third = learners_of(meeting.cohort)
    services.meeting_take_roll(
        actor=trainer, meeting_id=meeting.pk, learner_id=first.pk, mark="present"
    )
    with pytest.raises(ValidationError, match="Seule une personne notée présente"):
        evidence.meeting_sign(
            actor=trainer, meeting_id=meeting.pk, learner_id=second.pk, data_url=drawing()
        )
    with pytest.raises(ValidationError, match="Le cadre est vide"):
        evidence.meeting_sign(
            actor=trainer, meeting_id=meeting.pk, learner_id=first.pk, data_url=drawing(ink=False)
        )
    for garbage in (
        "",
        "data:image/png;base64,!!!",
        "data:image/png;base64," + base64.b64encode(b"GIF89a").decode(),
    ):
        with pytest.raises(ValidationError, match="La signature n'a pas pu être lue"):
            evidence.meeting_sign(
                actor=trainer, meeting_id=meeting.pk, learner_id=first.pk, data_url=garbage
            )

    signature = evidence.meeting_sign(
        actor=trainer,
        meeting_id=meeting.pk,
        learner_id=first.pk,
        data_url=drawing(),
        ip_address="203.0.113.7",
    )
    first_hash = signature.sha256
    again = evidence.meeting_sign(
        actor=trainer, meeting_id=meeting.pk, learner_id=first.pk, data_url=drawing(size=(500, 180))
    )
    assert again.pk == signature.pk and again.sha256 != first_hash
    assert again.captured_by == trainer and again.role == Signature.Role.LEARNER
    assert Signature.objects.filter(meeting=meeting).count() == 1

    evidence.meeting_sign(actor=trainer, meeting_id=meeting.pk, data_url=drawing())  # the trainer
    services.meeting_close(actor=trainer, meeting_id=meeting.pk)
    with pytest.raises(
        ValidationError, match="Cette séance est terminée : les signatures ne peuvent plus changer."
    ):
        evidence.meeting_sign(
            actor=trainer, meeting_id=meeting.pk, learner_id=first.pk, data_url=drawing()
        )
    with pytest.raises(ValidationError, match="les signatures ne peuvent plus changer"):
        evidence.meeting_sign(actor=trainer, meeting_id=meeting.pk, data_url=drawing())
    again.refresh_from_db()
    with again.image.open("rb") as stored:  # the drawing as it was when the meeting closed
        assert again.sha256 == hashlib.sha256(stored.read()).hexdigest() != first_hash


@pytest.mark.django_db
def test_signing_through_the_page(client, trainer, meeting):
    first = learners_of(meeting.cohort)[0]
    services.meeting_take_roll(
        actor=trainer, meeting_id=meeting.pk, learner_id=first.pk, mark="present"
    )
    client.force_login(trainer)
    roll = page_text(client.get(url("meeting", meeting.pk)))
    assert url("meeting_sign", meeting.pk, first.pk) in roll
    page = page_text(client.get(url("meeting_sign", meeting.pk, first.pk)))
    assert f"Signature de {first}" in page and "signature_pad.umd.min.js" in page
    response = client.post(
        url("meeting_sign", meeting.pk, first.pk), {"signature": drawing(ink=False)}
    )
    assert response.status_code == 400 and "Le cadre est vide" in page_text(response)
    response = client.post(url("meeting_sign", meeting.pk, first.pk), {"signature": drawing()})
    assert response.status_code == 302
    assert "Signé à" in page_text(client.get(url("meeting", meeting.pk)))


@pytest.mark.django_db
def test_blank_and_signed_attendance_sheets_carry_what_funders_audit(client, trainer, meeting):
    first, second, third = learners_of(meeting.cohort)
    client.force_login(trainer)
    blank, reader = pdf_text(client.get(url("attendance_sheet_blank", meeting.pk)).content)
    blank = " ".join(blank.split())
    for expected in (
        "Feuille d'émargement",
        "Association des Lilas",
        "Inclusion numérique 2026",
        "Département de la Gironde",
        "Cycle d'initiation au numérique",
        meeting.session_plan.title,
        "14:00 – 16:00",
        trainer.get_full_name(),
        first.last_name.upper(),
        first.first_name,
    ):
        assert expected in blank, expected
    assert "Présent" not in blank.replace("Présence", "")

    services.meeting_take_roll(
        actor=trainer, meeting_id=meeting.pk, learner_id=first.pk, mark="present"
    )
    services.meeting_take_roll(
        actor=trainer, meeting_id=meeting.pk, learner_id=second.pk, mark="late", late_minutes=10
    )
    services.meeting_take_roll(
        actor=trainer, meeting_id=meeting.pk, learner_id=third.pk, mark="absent"
    )
    for shift, learner in enumerate((first, second)):
        evidence.meeting_sign(
            actor=trainer,
            meeting_id=meeting.pk,
            learner_id=learner.pk,
            data_url=drawing(shift=shift * 9),
        )
    evidence.meeting_sign(actor=trainer, meeting_id=meeting.pk, data_url=drawing(shift=30))
    response = client.get(url("attendance_sheet", meeting.pk))
    signed, reader = pdf_text(response.content)
    assert "En retard (10 min)" in signed and "Absent" in signed and "1 h 50" in signed
    assert signed.count("signé à l'écran") == 3
    assert sum(len(page.images) for page in reader.pages) == 3  # the three drawings


@pytest.mark.django_db
def test_a_paper_sheet_can_be_attached_and_is_kept_once_the_meeting_is_closed(
    client, trainer, meeting
):
    photo = io.BytesIO()
    Image.new("RGB", (800, 600), "white").save(photo, format="JPEG")
    client.force_login(trainer)
    bad = SimpleUploadedFile("feuille.txt", b"pas une image", content_type="text/plain")
    response = client.post(url("paper_sheet_upload", meeting.pk), {"paper_sheet": bad}, follow=True)
    assert "Déposez une photo (JPEG ou PNG) ou un PDF" in page_text(response)
    good = SimpleUploadedFile("feuille.jpg", photo.getvalue(), content_type="image/jpeg")
    client.post(url("paper_sheet_upload", meeting.pk), {"paper_sheet": good})
    meeting.refresh_from_db()
    assert meeting.paper_sheet.name.endswith(".jpg") and meeting.paper_sheet_added_by == trainer
    response = client.get(url("paper_sheet", meeting.pk))
    assert response.status_code == 200 and b"".join(response.streaming_content) == photo.getvalue()
    services.meeting_close(actor=trainer, meeting_id=meeting.pk)
    pdf = SimpleUploadedFile("autre.pdf", b"%PDF-1.4 autre", content_type="application/pdf")
    response = client.post(url("paper_sheet_upload", meeting.pk), {"paper_sheet": pdf}, follow=True)
    assert "elle reste telle quelle" in page_text(response)
    kept = meeting.paper_sheet.name
    meeting.refresh_from_db()
    assert meeting.paper_sheet.name == kept


def finished_parents_cohort(organisation, trainer, names):
    """A parents' track (every session required) held to the end: the first learners came to
    everything, the next one missed a meeting, the last one never came."""
    cohort = today_cohort(
        organisation, trainer, learners=0, slug="parents-scolarite-college", capacity=10
    )
    learners = [make_learner(organisation, first, last) for first, last in names]
    for learner in learners:
        services.learner_enrol(cohort=cohort, learner=learner)
    *regulars, missed_one, never = learners
    for meeting in cohort.meetings.order_by("number"):
        for learner in regulars:
            services.meeting_take_roll(
                actor=trainer, meeting_id=meeting.pk, learner_id=learner.pk, mark="present"
            )
        mark = "absent" if meeting.number == 2 else "present"
        services.meeting_take_roll(
            actor=trainer, meeting_id=meeting.pk, learner_id=missed_one.pk, mark=mark
        )
        services.meeting_close(actor=trainer, meeting_id=meeting.pk)
    return cohort, learners


NAMES = [
    ("Fatima", "Benhaddou"),
    ("Олена", "Коваленко"),
    ("Élodie", "Lefèvre"),
    ("Rachid", "Amrani"),
]


@pytest.mark.django_db
def test_diplomas_for_who_completed_certificates_for_the_others(trainer, organisation, make_member):
    cohort, (fatima, olena, elodie, rachid) = finished_parents_cohort(organisation, trainer, NAMES)
    documents = evidence.cohort_issue_documents(actor=trainer, cohort_id=cohort.pk)
    kinds = {(d.first_name, d.kind) for d in documents}
    assert kinds == {("Fatima", "diploma"), ("Олена", "diploma"), ("Élodie", "certificate")}
    fatima_diploma = next(d for d in documents if d.first_name == "Fatima")
    assert fatima_diploma.attended_minutes == fatima_diploma.planned_minutes == 6 * 120
    assert fatima_diploma.competences and all(" " in c for c in fatima_diploma.competences)
    # Issuing again keeps what was issued.
    again = evidence.cohort_issue_documents(actor=trainer, cohort_id=cohort.pk)
    assert {d.code for d in again} == {d.code for d in documents}

    elodie_enrolment = Enrolment.objects.get(cohort=cohort, learner=elodie)
    with pytest.raises(ValidationError, match="Élodie Lefèvre n'a pas terminé le parcours"):
        evidence.diploma_issue(actor=trainer, enrolment_id=elodie_enrolment.pk, kind="diploma")
    coordinator = make_member(Role.COORDINATOR, organisation)
    with pytest.raises(ValidationError, match="Indiquez la raison de cette décision."):
        evidence.diploma_issue(actor=coordinator, enrolment_id=elodie_enrolment.pk, kind="diploma")
    decided = evidence.diploma_issue(
        actor=coordinator,
        enrolment_id=elodie_enrolment.pk,
        kind="diploma",
        reason="Absente une fois (hospitalisation de son fils) ; séance rattrapée en permanence.",
    )
    assert (
        decided.decision_reason.startswith("Absente une fois") and decided.issued_by == coordinator
    )
    rachid_enrolment = Enrolment.objects.get(cohort=cohort, learner=rachid)
    with pytest.raises(ValidationError, match="Rachid Amrani n'a suivi aucune séance"):
        evidence.diploma_issue(actor=trainer, enrolment_id=rachid_enrolment.pk, kind="certificate")


@pytest.mark.django_db
def test_diplomas_need_the_last_meeting_closed(trainer, organisation):
    cohort = today_cohort(organisation, trainer, learners=2, slug="parents-scolarite-college")
    with pytest.raises(ValidationError, match="Terminez d'abord la dernière séance"):
        evidence.cohort_issue_documents(actor=trainer, cohort_id=cohort.pk)


@pytest.mark.django_db
def test_the_ceremony_batch_is_one_page_each_made_once(
    client, trainer, organisation, django_capture_on_commit_callbacks
):
    cohort, _learners = finished_parents_cohort(organisation, trainer, NAMES)
    last = cohort.meetings.order_by("number").last()
    client.force_login(trainer)
    assert "Préparer les diplômes et attestations" in page_text(client.get(url("meeting", last.pk)))
    for _repeat in range(2):
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(url("cohort_diplomas", cohort.pk))
        assert response.status_code == 302
    assert GeneratedDocument.objects.filter(kind="diploma_batch").count() == 1
    status = page_text(client.get(url("cohort_diplomas_status", cohort.pk)))
    assert url("cohort_diplomas_pdf", cohort.pk) in status
    response = client.get(url("cohort_diplomas_pdf", cohort.pk))
    text, reader = pdf_text(b"".join(response.streaming_content))
    assert len(reader.pages) == 3
    assert text.count("DIPLÔME") == 2 and text.count("ATTESTATION DE PRÉSENCE") == 1
    assert "Олена КОВАЛЕНКО" in text and "Fatima BENHADDOU" in text and "Rachid" not in text
    assert "12 h de formation" in text and "10 h de formation suivies" in text
    assert "Suivre la scolarité de son enfant" in text
    for diploma in Diploma.objects.filter(enrolment__cohort=cohort):
        assert f"/verify/{diploma.code}/" in text.replace("\n", "")


@pytest.mark.django_db
def test_the_batch_takes_a_fixed_number_of_queries(trainer, organisation):
    cohort, _learners = finished_parents_cohort(organisation, trainer, NAMES)
    diplomas = evidence.cohort_issue_documents(actor=trainer, cohort_id=cohort.pk)

    def render_queries(ids):
        document = GeneratedDocument.objects.create(
            key=f"test:{ids}",
            kind="diploma_batch",
            params={"diploma_ids": ids, "verify_url": "http://x/verify/"},
        )
        with CaptureQueriesContext(connection) as queries:
            diploma_batch_render(document.pk)
        document.refresh_from_db()
        assert document.status == "ready"
        return len(queries)

    render_queries([diplomas[1].pk])  # warms the site and branding caches
    one = render_queries([diplomas[0].pk])
    three = render_queries([d.pk for d in diplomas])
    assert one == three


@pytest.mark.django_db
def test_verify_confirms_a_real_diploma_with_first_name_and_initial_only(
    client, trainer, organisation
):
    cohort, _learners = finished_parents_cohort(organisation, trainer, NAMES)
    diploma = next(
        d
        for d in evidence.cohort_issue_documents(actor=trainer, cohort_id=cohort.pk)
        if d.first_name == "Fatima"
    )
    response = client.get(reverse("cohorts:verify", args=[diploma.code]))
    text = page_text(response)
    assert response.status_code == 200 and "Ce diplôme est authentique." in text
    assert "Fatima B." in text and "Benhaddou" not in text and "BENHADDOU" not in text
    assert "Suivre la scolarité de son enfant" in text and "Association des Lilas" in text
    assert response["X-Robots-Tag"] == "noindex"
    typed = "-".join([diploma.code[:4], diploma.code[4:8], diploma.code[8:]]).lower()
    assert "authentique" in page_text(client.get(reverse("cohorts:verify_home"), {"code": typed}))
    unknown = client.get(reverse("cohorts:verify", args=["ZZZZ-9999-ZZ"]))
    assert unknown.status_code == 404 and "Ce code est inconnu" in page_text(unknown)


@pytest.mark.django_db
def test_another_organisation_sees_no_sheet_signature_or_diploma(
    client, trainer, outsider_trainer, outsider, organisation
):
    cohort, (fatima, *_rest) = finished_parents_cohort(organisation, trainer, NAMES)
    last = cohort.meetings.order_by("number").last()
    diplomas = evidence.cohort_issue_documents(actor=trainer, cohort_id=cohort.pk)
    enrolment = Enrolment.objects.get(cohort=cohort, learner=fatima)
    targets = [
        url("attendance_sheet", last.pk),
        url("attendance_sheet_blank", last.pk),
        url("meeting_sign", last.pk, fatima.pk),
        url("meeting_sign_trainer", last.pk),
        url("paper_sheet", last.pk),
        url("cohort_diplomas_status", cohort.pk),
        url("cohort_diplomas_pdf", cohort.pk),
        url("diploma_pdf", diplomas[0].pk),
        url("enrolment_diploma", enrolment.pk),
    ]
    for user in (outsider_trainer, outsider):
        client.force_login(user)
        for target in targets:
            assert client.get(target).status_code == 404, target
        assert client.post(url("cohort_diplomas", cohort.pk)).status_code == 404
        assert (
            client.post(url("enrolment_diploma", enrolment.pk), {"kind": "certificate"}).status_code
            == 404
        )
        assert not Diploma.objects.visible_to(user).exists()
        assert not Signature.objects.visible_to(user).exists()
    assert Diploma.objects.visible_to(trainer).count() == len(diplomas)


@pytest.mark.django_db
def test_signatures_print_from_a_storage_without_local_files(client, trainer, meeting, settings):
    """Media on S3 (docs/deploy.md) have no path on the disk and a signed URL that xhtml2pdf
    may not fetch: the images are read through the storage. InMemoryStorage stands for it."""
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    }
    first, second, _third = learners_of(meeting.cohort)
    for shift, learner in enumerate((first, second)):
        services.meeting_take_roll(
            actor=trainer, meeting_id=meeting.pk, learner_id=learner.pk, mark="present"
        )
        evidence.meeting_sign(
            actor=trainer,
            meeting_id=meeting.pk,
            learner_id=learner.pk,
            data_url=drawing(shift=shift * 9),
        )
    signature = meeting.signatures.first()
    # Stored in memory only (a file of the same name may exist on the disk from another test).
    assert signature.image.storage.__class__.__name__ == "InMemoryStorage"
    assert signature.image.storage.exists(signature.image.name)
    client.force_login(trainer)
    _text, reader = pdf_text(client.get(url("attendance_sheet", meeting.pk)).content)
    assert sum(len(page.images) for page in reader.pages) == 2
