"""Small helpers of the workshop pages."""

from django import template
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

register = template.Library()


@register.filter
def since_days(moment):
    """A moment → "depuis aujourd'hui", "depuis 12 jours": how long a device has waited."""
    if not moment:
        return ""
    days = (timezone.now() - moment).days
    if days < 1:
        return _("depuis aujourd'hui")
    return ngettext("depuis %(days)s jour", "depuis %(days)s jours", days) % {"days": days}


@register.filter
def short_name(learner):
    """Fatima B.: enough for the workshop to recognise a reservation, no more."""
    if learner is None:
        return ""
    initial = f" {learner.last_name[:1]}." if learner.last_name else ""
    return f"{learner.first_name}{initial}"


@register.filter
def get_item(mapping, key):
    return mapping.get(key) if hasattr(mapping, "get") else None
