from django.urls import path

from . import import_views, views

app_name = "cohorts"

urlpatterns = [
    path("formateur/", views.trainer_home, name="trainer_home"),
    path("formateur/seances/groupe/<int:meeting_id>/", views.meeting_detail, name="meeting"),
    path(
        "formateur/seances/groupe/<int:meeting_id>/appel/", views.meeting_mark, name="meeting_mark"
    ),
    path(
        "formateur/seances/groupe/<int:meeting_id>/ajouter/",
        views.meeting_walk_in,
        name="meeting_walk_in",
    ),
    path(
        "formateur/seances/groupe/<int:meeting_id>/terminer/",
        views.meeting_close,
        name="meeting_close",
    ),
    path(
        "formateur/seances/groupe/<int:meeting_id>/fiches/",
        views.meeting_handouts,
        name="meeting_handouts",
    ),
    path(
        "formateur/seances/groupe/<int:meeting_id>/fiches/etat/",
        views.meeting_handouts_status,
        name="meeting_handouts_status",
    ),
    path(
        "formateur/seances/groupe/<int:meeting_id>/fiches.pdf",
        views.meeting_handouts_pdf,
        name="meeting_handouts_pdf",
    ),
    path(
        "formateur/seances/groupe/<int:meeting_id>/projection/",
        views.meeting_projection,
        name="meeting_projection",
    ),
    path("formateur/groupes/<int:cohort_id>/", views.cohort_dashboard, name="cohort"),
    path(
        "formateur/apprenants/<int:learner_id>/acces/", views.learner_access, name="learner_access"
    ),
    path(
        "formateur/diagnostic/<int:assessment_id>/inscrire/",
        views.assessment_enrol,
        name="assessment_enrol",
    ),
    path("cpe/", views.cpe_home, name="cpe_home"),
    path("prescripteur/", views.prescriber_home, name="prescriber_home"),
    path("apprenant/", views.learner_home, name="learner_home"),
    path("structure/apprenants/importer/", import_views.learner_import, name="learner_import"),
    path(
        "structure/apprenants/importer/modele.<str:fmt>",
        import_views.learner_import_template,
        name="learner_import_template",
    ),
    path(
        "structure/apprenants/importer/<str:token>/",
        import_views.learner_import_preview,
        name="learner_import_preview",
    ),
    path(
        "structure/apprenants/importer/<str:token>/confirmer/",
        import_views.learner_import_confirm,
        name="learner_import_confirm",
    ),
    path(
        "structure/apprenants/importer/<str:token>/termine/",
        import_views.learner_import_done,
        name="learner_import_done",
    ),
]
