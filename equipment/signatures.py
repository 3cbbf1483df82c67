"""The learner's signature on a hand-over document, drawn on screen.

Kept apart from services.py only because that file is being reworked elsewhere; it follows
the same contract (keyword-only, atomic, French errors as module constants) and belongs
there in the end.
"""

import hashlib

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from cohorts.evidence import signature_png

from .models import Handover
from .services import NOT_ALLOWED

HANDOVER_ALREADY_SIGNED = gettext_noop(
    "Ce document est déjà signé : la signature ne peut plus changer."
)


@transaction.atomic
def handover_sign(*, actor, handover_id, data_url):
    """Keep the drawing the learner made on the trainer's screen. Once signed, the document
    stays as it was signed: a second drawing is refused, not swapped in."""
    handover = (
        Handover.objects.visible_to(actor)
        .select_for_update(of=("self",))
        .filter(pk=handover_id)
        .first()
    )
    if handover is None:
        raise PermissionDenied(_(NOT_ALLOWED))
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
