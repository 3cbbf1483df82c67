"""Demo content of courses: the catalogue page and the real curricula."""

from django.db import transaction
from wagtail.models import Site

from .curricula.loader import load_curricula
from .models import CourseIndexPage

CATALOGUE_SLUG = "parcours"


@transaction.atomic
def load_courses():
    """Create the catalogue under the site's root page, then load every curriculum."""
    root = Site.objects.get(is_default_site=True).root_page
    catalogue = CourseIndexPage.objects.child_of(root).filter(slug=CATALOGUE_SLUG).first()
    if catalogue is None:
        catalogue = CourseIndexPage(
            title="Nos parcours",
            slug=CATALOGUE_SLUG,
            intro=(
                "Des parcours en petit groupe pour apprendre le numérique pas à pas, des ateliers "
                "de deux heures sur un thème, et une aide individuelle pour une démarche précise."
            ),
        )
        root.add_child(instance=catalogue)
        catalogue.save_revision().publish()
    load_curricula(catalogue=catalogue)
    return catalogue
