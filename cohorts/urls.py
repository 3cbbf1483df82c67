from django.urls import path

from . import (
    cpe_views,
    evidence_views,
    exercise_views,
    import_views,
    learner_views,
    referral_views,
    survey_views,
    views,
)

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
    path(
        "formateur/seances/groupe/<int:meeting_id>/signer/",
        evidence_views.meeting_sign,
        name="meeting_sign_trainer",
    ),
    path(
        "formateur/seances/groupe/<int:meeting_id>/signer/<int:learner_id>/",
        evidence_views.meeting_sign,
        name="meeting_sign",
    ),
    path(
        "formateur/seances/groupe/<int:meeting_id>/emargement.pdf",
        evidence_views.attendance_sheet_pdf,
        name="attendance_sheet",
    ),
    path(
        "formateur/seances/groupe/<int:meeting_id>/emargement-vierge.pdf",
        evidence_views.attendance_sheet_pdf,
        {"blank": True},
        name="attendance_sheet_blank",
    ),
    path(
        "formateur/seances/groupe/<int:meeting_id>/feuille-papier/",
        evidence_views.paper_sheet_upload,
        name="paper_sheet_upload",
    ),
    path(
        "formateur/seances/groupe/<int:meeting_id>/feuille-papier/voir/",
        evidence_views.paper_sheet_file,
        name="paper_sheet",
    ),
    path(
        "formateur/seances/groupe/<int:meeting_id>/avis/<int:learner_id>/",
        survey_views.meeting_survey,
        name="meeting_survey",
    ),
    path(
        "formateur/seances/groupe/<int:meeting_id>/exercices/lancer/",
        exercise_views.launch_start,
        name="meeting_launch_start",
    ),
    path(
        "formateur/seances/groupe/<int:meeting_id>/exercices/<int:launch_id>/",
        exercise_views.launch_detail,
        name="meeting_launch",
    ),
    path(
        "formateur/seances/groupe/<int:meeting_id>/exercices/<int:launch_id>/suivi/",
        exercise_views.launch_board,
        name="meeting_launch_board",
    ),
    path(
        "formateur/seances/groupe/<int:meeting_id>/exercices/<int:launch_id>/arreter/",
        exercise_views.launch_stop,
        name="meeting_launch_stop",
    ),
    path(
        "formateur/groupes/<int:cohort_id>/exercices/",
        exercise_views.cohort_results,
        name="cohort_exercises",
    ),
    path(
        "formateur/apprenants/<int:learner_id>/exercices/",
        exercise_views.learner_results,
        name="learner_exercise_results",
    ),
    path("formateur/exercices/", exercise_views.competence_results, name="exercise_competences"),
    path(
        "formateur/exercices/<int:activity_id>/essayer/",
        exercise_views.exercise_preview,
        name="exercise_preview",
    ),
    path("formateur/groupes/<int:cohort_id>/", views.cohort_dashboard, name="cohort"),
    path(
        "formateur/groupes/<int:cohort_id>/diplomes/",
        evidence_views.cohort_diplomas,
        name="cohort_diplomas",
    ),
    path(
        "formateur/groupes/<int:cohort_id>/diplomes/etat/",
        evidence_views.cohort_diplomas_status,
        name="cohort_diplomas_status",
    ),
    path(
        "formateur/groupes/<int:cohort_id>/diplomes.pdf",
        evidence_views.cohort_diplomas_pdf,
        name="cohort_diplomas_pdf",
    ),
    path(
        "formateur/inscriptions/<int:enrolment_id>/diplome/",
        evidence_views.enrolment_diploma,
        name="enrolment_diploma",
    ),
    path("formateur/diplomes/<int:diploma_id>.pdf", evidence_views.diploma_pdf, name="diploma_pdf"),
    path("verify/", evidence_views.verify, name="verify_home"),
    path("verify/<str:code>/", evidence_views.verify, name="verify"),
    path(
        "formateur/apprenants/<int:learner_id>/acces/", views.learner_access, name="learner_access"
    ),
    path(
        "formateur/diagnostic/<int:assessment_id>/inscrire/",
        views.assessment_enrol,
        name="assessment_enrol",
    ),
    path("cpe/", cpe_views.cpe_home, name="cpe_home"),
    path(
        "cpe/groupes/<int:cohort_id>/inscrire/",
        cpe_views.family_enrol,
        name="cpe_family_enrol",
    ),
    path("cpe/familles.csv", cpe_views.families_export, name="cpe_families_csv"),
    path("prescripteur/", referral_views.prescriber_home, name="prescriber_home"),
    path("prescripteur/orienter/", referral_views.referral_new, name="referral_new"),
    path(
        "prescripteur/orientations/<int:referral_id>/",
        referral_views.prescriber_referral,
        name="prescriber_referral",
    ),
    path("structure/orientations/", referral_views.referral_queue, name="referral_queue"),
    path(
        "structure/orientations/<int:referral_id>/accepter/",
        referral_views.referral_accept,
        name="referral_accept",
    ),
    path(
        "structure/orientations/<int:referral_id>/refuser/",
        referral_views.referral_decline,
        name="referral_decline",
    ),
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
    path(
        "formateur/apprenants/<int:learner_id>/qr/",
        learner_views.learner_login_qr,
        name="learner_login_qr",
    ),
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
