"""django-q2 tasks of cohorts. Each is safe to run twice."""

from cms.pdf import document_fill

from .models import Diploma
from .printables import DiplomaPrintable


def diploma_batch_render(document_id):
    """All the diplomas and certificates of a cohort in one PDF, one page each."""

    def build(params):
        diplomas = Diploma.objects.filter(pk__in=params["diploma_ids"]).order_by(
            "last_name", "first_name", "kind"
        )
        printable = DiplomaPrintable(diplomas=diplomas, verify_url=params["verify_url"])
        return printable.filename(), printable.render()

    document_fill(document_id, build)
