"""Handout PDFs: real files whose text is extracted and checked."""

import io

import pytest
from django.urls import reverse

from courses.models import SessionPlanPage
from courses.printables import HandoutPrintable
from courses.services import handout_batch_request
from documents.models import GeneratedDocument
from tests.documents.factories import pdf_text


def embedded_fonts(reader):
    fonts = set()
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            descriptor = font.get("/FontDescriptor")
            if descriptor and "/FontFile2" in descriptor.get_object():
                fonts.add(str(font["/BaseFont"]))
    return fonts


@pytest.mark.django_db
def test_every_seeded_session_has_a_handout_pdf(client):
    for session in SessionPlanPage.objects.live().specific():
        response = client.get(reverse("courses:handout_pdf", args=[session.pk]))
        assert response.status_code == 200
        assert response["Content-Type"] == "application/pdf"
        text, reader = pdf_text(response.content)
        flat = " ".join(text.split())
        assert " ".join(session.title.split()) in flat, session.title
        assert "Ce que j'ai appris" in text and "À refaire chez moi" in text
        vocabulary = session.vocabulary[0].value["term"]
        assert " ".join(vocabulary.split()) in flat
        assert "Pour relire cette fiche sur mon téléphone" in text
        assert any(font.endswith("DejaVuSans") for font in embedded_fonts(reader))


@pytest.mark.django_db
def test_handout_prints_accents_euro_cyrillic_and_arabic():
    session = SessionPlanPage.objects.live().specific().first()
    names = ["Éloïse Ñúñez — 20 €", "Олена Коваленко", "فاطمة الزهراء"]
    printable = HandoutPrintable(
        session=session, online_url="https://tremplin.example.org/s/1", learner_names=names
    )
    text, reader = pdf_text(printable.render())
    assert len(reader.pages) >= 3
    for name in names:
        assert f"Fiche de {name}" in text


@pytest.mark.django_db
def test_handout_shows_the_structure_name_and_logo_from_site_settings(client):
    from django.core.files.images import ImageFile
    from wagtail.images import get_image_model
    from wagtail.models import Site

    from demo.branding import demo_signature_png
    from documents.models import BrandingSettings

    logo = get_image_model()(title="Logo")
    logo.file = ImageFile(io.BytesIO(demo_signature_png()), name="logo.png")
    logo.save()
    branding = BrandingSettings.for_site(Site.objects.get(is_default_site=True))
    branding.organisation_name = "Les Passerelles numériques"
    branding.contact = "05 56 00 00 00 — 12 rue des Lilas, Bordeaux"
    branding.logo = logo
    branding.save()
    session = SessionPlanPage.objects.live().first()
    text, reader = pdf_text(client.get(reverse("courses:handout_pdf", args=[session.pk])).content)
    assert "Les Passerelles numériques" in text
    assert "12 rue des Lilas" in text
    # The logo is printed (xhtml2pdf silently drops files outside its allowed folders) and
    # so is the QR code.
    assert sum(len(page.images) for page in reader.pages) == 2


@pytest.mark.django_db
def test_batch_for_a_meeting_is_made_once_by_the_task(trainer, django_capture_on_commit_callbacks):
    session = SessionPlanPage.objects.live().first()
    names = ["Awa Traoré", "Jean Dupont"]
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        document = handout_batch_request(
            session=session,
            learner_names=names,
            online_url="https://x.example/s",
            requested_by=trainer,
        )
    assert len(callbacks) == 1
    document.refresh_from_db()
    assert document.status == GeneratedDocument.Status.READY
    with document.file.open("rb") as handle:
        text, reader = pdf_text(handle.read())
    assert "Fiche de Awa Traoré" in text and "Fiche de Jean Dupont" in text

    finished = document.finished_at
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        again = handout_batch_request(
            session=session,
            learner_names=names,
            online_url="https://x.example/s",
            requested_by=trainer,
        )
    assert again.pk == document.pk
    assert callbacks == []
    again.refresh_from_db()
    assert again.finished_at == finished

    from courses.tasks import handout_batch_render

    handout_batch_render(document.pk)  # run twice by a worker: nothing changes
    again.refresh_from_db()
    assert again.finished_at == finished
