from django.urls import path

from . import views

app_name = "privacy"

urlpatterns = [
    path(
        "structure/apprenants/<int:learner_id>/donnees/",
        views.learner_file,
        name="learner_file",
    ),
    path(
        "structure/apprenants/<int:learner_id>/donnees/dossier.json",
        views.learner_export_json,
        name="learner_export_json",
    ),
    path(
        "structure/apprenants/<int:learner_id>/donnees/dossier.pdf",
        views.learner_export_pdf,
        name="learner_export_pdf",
    ),
    path(
        "structure/apprenants/<int:learner_id>/donnees/effacer/",
        views.learner_erase,
        name="learner_erase",
    ),
    path("donnees-personnelles/", views.privacy_notice, name="notice"),
]
