"""django-q2 tasks of courses. Each is safe to run twice."""

from documents.store import document_fill

from .models import SessionPlanPage
from .printables import HandoutPrintable


def handout_batch_render(document_id):
    """Render a handout batch into its GeneratedDocument; a ready document is left alone."""

    def build(params):
        session = SessionPlanPage.objects.live().get(pk=params["session_id"])
        printable = HandoutPrintable(
            session=session,
            online_url=params["online_url"],
            learner_names=params["learner_names"],
        )
        return printable.filename(), printable.render()

    document_fill(document_id, build)
