"""Writes of courses: asking for a batch of handouts for a meeting's learners."""

from documents.store import document_request

HANDOUT_BATCH_KIND = "handout_batch"


def handout_batch_request(*, session, learner_names, online_url, requested_by=None):
    """Ask for one PDF holding a handout per learner; made once by a django-q2 worker.

    The same session (at the same revision) and the same learners give the same document:
    asking twice costs nothing, and a failed batch is tried again.
    """
    names = [name.strip() for name in learner_names if name and name.strip()]
    return document_request(
        kind=HANDOUT_BATCH_KIND,
        content=[session.pk, session.latest_revision_id, names, online_url],
        params={"session_id": session.pk, "learner_names": names, "online_url": online_url},
        task="courses.tasks.handout_batch_render",
        requested_by=requested_by,
    )
