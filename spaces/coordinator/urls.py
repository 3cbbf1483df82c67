from django.urls import path

from spaces.prescriber import views as referral_views
from spaces.public import accounts as accounts_views

from . import imports as import_views
from . import personal_data, report

accounts = [
    path("comptes/apprenants/", accounts_views.learner_accounts, name="learner_accounts"),
    path(
        "comptes/apprenants/<int:account_id>/nouveau-pin/",
        accounts_views.learner_pin_reset,
        name="learner_pin_reset",
    ),
]

cohorts = [
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

reports = [
    path("structure/bilan/", report.coordinator_dashboard, name="coordinator_dashboard"),
    path(
        "structure/bilan/activites.xlsx",
        report.activities_xlsx,
        name="coordinator_activities_xlsx",
    ),
    path(
        "structure/bilan/activites.csv",
        report.activities_csv,
        name="coordinator_activities_csv",
    ),
]

privacy = [
    path(
        "structure/apprenants/<int:learner_id>/donnees/",
        personal_data.learner_file,
        name="learner_file",
    ),
    path(
        "structure/apprenants/<int:learner_id>/donnees/dossier.json",
        personal_data.learner_export_json,
        name="learner_export_json",
    ),
    path(
        "structure/apprenants/<int:learner_id>/donnees/dossier.pdf",
        personal_data.learner_export_pdf,
        name="learner_export_pdf",
    ),
    path(
        "structure/apprenants/<int:learner_id>/donnees/effacer/",
        personal_data.learner_erase,
        name="learner_erase",
    ),
]
