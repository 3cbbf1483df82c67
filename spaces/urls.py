"""Every space's URLs, gathered under the namespace each URL has always had.

A person's pages live in `spaces/<person>/`, but printed QR codes, bookmarks and
`reverse("cohorts:meeting")` name URLs by their historical namespace (the domain app that
once held the view). Each space's `urls.py` lists its patterns per namespace; this module
joins them, in the order the shell used to include the apps.
"""

from django.urls import include, path

from spaces.coordinator import urls as coordinator
from spaces.cpe import urls as cpe
from spaces.diagnostic import urls as diagnostic
from spaces.funder import urls as funder
from spaces.learner import urls as learner
from spaces.prescriber import urls as prescriber
from spaces.public import urls as public
from spaces.trainer import urls as trainer
from spaces.workshop import urls as workshop

SPACES = (public, trainer, learner, cpe, prescriber, coordinator, workshop, funder, diagnostic)
# The namespaces, in the order the apps were included (a path matched first wins).
NAMESPACES = ("accounts", "courses", "diagnostics", "cohorts", "equipment", "reports", "privacy")


def namespace_patterns(namespace):
    """The patterns of every space for `namespace`, space by space."""
    return [pattern for space in SPACES for pattern in getattr(space, namespace, [])]


urlpatterns = [
    # The H5P player and its files: global names, outside every namespace.
    *learner.h5p,
    *(path("", include((namespace_patterns(ns), ns))) for ns in NAMESPACES),
]
