"""Course content: the competence framework, tracks (parcours) and session plans edited in
Wagtail (`curriculum`), and the H5P exercises and their libraries (`h5p`)."""

from .curriculum import (
    SESSION_NUMBER_GAP,
    SESSION_NUMBER_TAKEN,
    STEPS_TOTAL_MISMATCH,
    TRACK_NEEDS_SESSION,
    TRACK_NUMBERING_GAP,
    Competence,
    CourseIndexPage,
    SessionPlanPage,
    SessionPlanPageForm,
    TrackPage,
    TrackPageForm,
    format_clock,
    format_duration,
)
from .h5p import (
    H5PActivity,
    H5PLibrary,
    _h5p_package_path,  # noqa: F401 — migration 0005's upload_to names it here
)

__all__ = [
    "Competence",
    "CourseIndexPage",
    "H5PActivity",
    "H5PLibrary",
    "SESSION_NUMBER_GAP",
    "SESSION_NUMBER_TAKEN",
    "STEPS_TOTAL_MISMATCH",
    "SessionPlanPage",
    "SessionPlanPageForm",
    "TRACK_NEEDS_SESSION",
    "TRACK_NUMBERING_GAP",
    "TrackPage",
    "TrackPageForm",
    "format_clock",
    "format_duration",
]
