from django.urls import path

from spaces.learner import views as learner_views

from . import courses as courses_views
from . import evidence as evidence_views
from . import exercises as exercise_views
from . import handovers as handover_views
from . import survey as survey_views
from . import views

courses = [
    path("formateur/parcours/", courses_views.trainer_catalogue, name="trainer_catalogue"),
    path("formateur/seances/<int:page_id>/", courses_views.session_trainer, name="session_trainer"),
    path("seances/<int:page_id>/fiche.pdf", courses_views.handout_pdf, name="handout_pdf"),
]

cohorts = [
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
    path(
        "formateur/apprenants/<int:learner_id>/acces/", views.learner_access, name="learner_access"
    ),
    path(
        "formateur/diagnostic/<int:assessment_id>/inscrire/",
        views.assessment_enrol,
        name="assessment_enrol",
    ),
    path(
        "formateur/apprenants/<int:learner_id>/qr/",
        learner_views.learner_login_qr,
        name="learner_login_qr",
    ),
]

# The hand-over at the last meeting, its document, the home set-up, loans ending.
equipment = [
    path(
        "formateur/seances/groupe/<int:meeting_id>/remise/",
        handover_views.handover_meeting,
        name="handover_meeting",
    ),
    path(
        "formateur/remises/<int:handover_id>/signer/",
        handover_views.handover_sign_view,
        name="handover_sign",
    ),
    path(
        "formateur/remises/<int:handover_id>/document.pdf",
        handover_views.handover_document,
        name="handover_document",
    ),
    path(
        "formateur/remises/<int:handover_id>/installation/",
        handover_views.handover_home_setup,
        name="handover_home_setup",
    ),
    path("formateur/prets/", handover_views.loans, name="loans"),
    path("formateur/prets/<int:handover_id>/fin/", handover_views.loan_finish, name="loan_end"),
]
