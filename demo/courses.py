"""Demo content of courses: the catalogue page and the real curricula."""

from django.db import transaction
from wagtail.models import Site

from courses.curricula.loader import load_curricula
from courses.h5p.packages import activity_store
from courses.models import Competence, CourseIndexPage, H5PActivity, SessionPlanPage, TrackPage

from .exercises import demo_packages

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


INSTRUCTIONS = {
    "single_choice": "Lisez la question, ou touchez « Écouter ». Puis touchez la bonne réponse.",
    "hotspot": "Regardez l'image. Touchez l'endroit qui répond à la question.",
    "ordering": "Touchez les étapes dans le bon ordre : la première, puis la deuxième, et ainsi "
    "de suite.",
}


@transaction.atomic
def load_exercises():
    """The demo exercises, built with pyh5p from Tremplin's own content types, one or more
    per session of the initiation cycle and of the parents' track. An exercise already
    there (same title, same session) is left as it is."""
    created = []
    for exercise in demo_packages():
        track = TrackPage.objects.get(slug=exercise["track"])
        session = SessionPlanPage.objects.child_of(track).get(number=exercise["session"])
        if H5PActivity.objects.filter(title=exercise["title"], session_plans=session).exists():
            continue
        # Tremplin's own libraries ship with the code: the demo may update them.
        activity = activity_store(
            H5PActivity(title=exercise["title"], instructions=INSTRUCTIONS[exercise["kind"]]),
            exercise["package"],
            may_update_libraries=True,
        )
        activity.session_plans.add(session)
        activity.competences.set(Competence.objects.filter(code__in=exercise["competences"]))
        created.append(activity)
    return created
