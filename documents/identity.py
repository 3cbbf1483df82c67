"""The structure's identity as printed documents show it: name, logo, contact, colour and the
diplomas' signatory, read from the site's `BrandingSettings`, images embedded."""

from wagtail.models import Site

from .models import BrandingSettings
from .renderer import embedded


def site_branding(site=None):
    """The structure's name, logo file URL and contact for printed documents."""
    site = site or Site.objects.filter(is_default_site=True).first()
    branding = BrandingSettings.for_site(site) if site else None
    logo_url = signature_url = None
    if branding and branding.logo_id:
        logo_url = embedded(branding.logo.get_rendition("max-400x160|format-png").file)
    if branding and branding.signature_image_id:
        signature_url = embedded(
            branding.signature_image.get_rendition("max-500x200|format-png").file
        )
    return {
        "name": branding.organisation_name if branding else "Tremplin",
        "logo_url": logo_url,
        "contact": branding.contact if branding else "",
        "colour": branding.colour if branding else "#0b5c8c",
        "signatory_name": branding.signatory_name if branding else "",
        "signatory_title": branding.signatory_title if branding else "",
        "signature_url": signature_url,
    }
