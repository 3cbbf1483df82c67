"""django-q2 tasks of privacy. Each is safe to run twice."""

import logging

from . import services

logger = logging.getLogger(__name__)


def retention_anonymise():
    """Daily: anonymise the learners without contact for PRIVACY_RETENTION_DAYS."""
    erased = services.anonymise_inactive()
    logger.info("Retention: %s learner file(s) anonymised", len(erased))
    return len(erased)
