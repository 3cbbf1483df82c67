"""Demo branding: the demo structure's name, colour, contact and the signatory of its
diplomas, with a signature drawn here (no file to ship)."""

import io

from django.core.files.images import ImageFile
from django.db import transaction
from PIL import Image, ImageDraw
from wagtail.images import get_image_model
from wagtail.models import Site

from documents.models import BrandingSettings

SIGNATURE_TITLE = "Signature d'Hélène Garnier (démonstration)"


def demo_signature_png():
    """A hand-drawn-looking signature: a few joined strokes in dark blue ink."""
    image = Image.new("RGB", (520, 180), "white")
    draw = ImageDraw.Draw(image)
    strokes = [
        [(30, 120), (55, 40), (70, 125), (90, 70), (120, 118)],
        [(120, 118), (150, 80), (175, 115), (205, 60), (230, 120), (260, 90)],
        [(260, 90), (300, 125), (330, 75), (365, 118), (400, 85), (450, 100), (490, 70)],
        [(60, 145), (250, 138), (470, 132)],
    ]
    for stroke in strokes:
        draw.line(stroke, fill=(20, 30, 90), width=5, joint="curve")
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()


@transaction.atomic
def load_branding():
    site = Site.objects.get(is_default_site=True)
    branding = BrandingSettings.for_site(site)
    if branding.signatory_name:
        return branding
    ImageModel = get_image_model()
    signature = ImageModel.objects.filter(title=SIGNATURE_TITLE).first()
    if signature is None:
        signature = ImageModel(title=SIGNATURE_TITLE)
        signature.file = ImageFile(io.BytesIO(demo_signature_png()), name="signature-demo.png")
        signature.save()
    branding.organisation_name = "Les Passerelles numériques"
    branding.contact = "05 56 00 00 00 · 12 rue de la Bastide, 33100 Bordeaux"
    branding.signatory_name = "Hélène Garnier"
    branding.signatory_title = "Présidente de l'association"
    branding.signature_image = signature
    branding.save()
    return branding
