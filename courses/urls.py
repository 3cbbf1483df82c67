from django.urls import path

from . import views
from .h5p import views as h5p_views

app_name = "courses"

# The H5P player and its files live under /h5p/, outside every authenticated space: they
# are served sandboxed (see courses.h5p.views). Names are global so that the player can
# build the folder paths h5p-standalone expects.
h5p_urlpatterns = [
    path(
        "h5p/bibliotheques/",
        h5p_views.library_file,
        {"directory": "", "path": ""},
        name="h5p_libraries_root",
    ),
    path(
        "h5p/bibliotheques/<str:directory>/<path:path>", h5p_views.library_file, name="h5p_library"
    ),
    path("h5p/<str:signed>/jouer/", h5p_views.player, name="h5p_player"),
    path("h5p/<str:signed>/", h5p_views.content_file, {"path": ""}, name="h5p_content_root"),
    path("h5p/<str:signed>/<path:path>", h5p_views.content_file, name="h5p_content"),
]

urlpatterns = [
    path("formateur/parcours/", views.trainer_catalogue, name="trainer_catalogue"),
    path("formateur/seances/<int:page_id>/", views.session_trainer, name="session_trainer"),
    path("seances/<int:page_id>/fiche.pdf", views.handout_pdf, name="handout_pdf"),
]
