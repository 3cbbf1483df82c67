"""Helpers for tests that read the PDFs Tremplin prints."""

import io
import unicodedata

from pypdf import PdfReader


def pdf_text(data):
    reader = PdfReader(io.BytesIO(data))
    text = "\n".join(page.extract_text() for page in reader.pages)
    # Arabic is stored in presentation forms; NFKC gives back the letters people typed.
    return unicodedata.normalize("NFKC", text), reader
