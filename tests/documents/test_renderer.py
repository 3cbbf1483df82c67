"""The one PDF renderer: a resource it cannot find fails loudly, and it reads nothing but the
fonts, the static files and the media, whatever a user typed."""

import io

import pytest
from django.conf import settings
from PIL import Image

from documents.renderer import PDFRenderError, link_callback, render_pdf


def png_bytes(size=(40, 20)):
    buffer = io.BytesIO()
    Image.new("RGB", size, "white").save(buffer, format="PNG")
    return buffer.getvalue()


@pytest.mark.django_db
def test_a_missing_resource_fails_loudly_instead_of_printing_a_blank():
    with pytest.raises(PDFRenderError):
        render_pdf(
            "courses/pdf/handout.html", {"copies": [None], "qr": "/static/nope.png", "branding": {}}
        )


@pytest.mark.parametrize(
    "uri",
    [
        "file:///etc/passwd",
        "http://127.0.0.1:8000/admin/",
        "http://169.254.169.254/latest/meta-data/",
        "https://evil.example/logo.png",
        "//evil.example/logo.png",
        "/etc/passwd",
        f"{settings.MEDIA_URL}../../../../../../etc/passwd",
        "fonts/../../../../../../../etc/passwd",
        f"{settings.STATIC_URL}../../../../../../etc/passwd",
    ],
)
def test_the_pdf_link_callback_refuses_the_network_file_urls_and_paths_out(uri):
    with pytest.raises(PDFRenderError):
        link_callback(uri, None)


def test_the_pdf_link_callback_still_finds_the_fonts_and_media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    (tmp_path / "logo.png").write_bytes(png_bytes())
    assert link_callback(f"{settings.MEDIA_URL}logo.png", None) == str(tmp_path / "logo.png")
    assert link_callback("fonts/DejaVuSans.ttf", None).endswith("DejaVuSans.ttf")
