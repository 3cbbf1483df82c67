from django.urls import path

from spaces.public import accounts as accounts_views
from spaces.trainer import survey as survey_views

from . import h5p as h5p_views
from . import views as learner_views

# The H5P player and its files live under /h5p/, outside every authenticated space: they
# are served sandboxed (see spaces.learner.h5p). Names are global so that the player can
# build the folder paths h5p-standalone expects.
h5p = [
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

accounts = [
    path("apprenant/connexion/", accounts_views.learner_login, name="learner_login"),
]

cohorts = [
    path("apprenant/", learner_views.learner_home, name="learner_home"),
    path("apprenant/seances/", learner_views.learner_meetings, name="learner_meetings"),
    path("apprenant/fiches/", learner_views.learner_handouts, name="learner_handouts"),
    path("apprenant/exercices/", learner_views.learner_exercises, name="learner_exercises"),
    path(
        "apprenant/exercices/<int:activity_id>/",
        learner_views.learner_exercise,
        name="learner_exercise",
    ),
    path(
        "apprenant/exercices/seance/<int:launch_id>/",
        learner_views.learner_launch_join,
        name="learner_launch_join",
    ),
    path(
        "apprenant/exercices/resultats/",
        learner_views.learner_exercise_statement,
        name="learner_exercise_statement",
    ),
    path("apprenant/progres/", learner_views.learner_progress, name="learner_progress"),
    path("apprenant/ordinateur/", learner_views.learner_device, name="learner_device"),
    path("apprenant/avis/", survey_views.learner_survey, name="learner_survey"),
    path("apprenant/avis/merci/", survey_views.learner_survey_thanks, name="learner_survey_thanks"),
]
