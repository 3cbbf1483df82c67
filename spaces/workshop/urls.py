from django.urls import path

from . import imports as import_views
from . import views

equipment = [
    path("technicien/", views.technician_home, name="technician_home"),
    # The device import and the stock export: before the device codes below.
    path("technicien/appareils/importer/", import_views.device_import, name="device_import"),
    path(
        "technicien/appareils/importer/modele.xlsx",
        import_views.device_import_template,
        name="device_import_template",
    ),
    path(
        "technicien/appareils/importer/<str:token>/colonnes/",
        import_views.device_import_mapping,
        name="device_import_mapping",
    ),
    path(
        "technicien/appareils/importer/<str:token>/",
        import_views.device_import_preview,
        name="device_import_preview",
    ),
    path(
        "technicien/appareils/importer/<str:token>/confirmer/",
        import_views.device_import_confirm,
        name="device_import_confirm",
    ),
    path(
        "technicien/appareils/importer/<str:token>/termine/",
        import_views.device_import_done,
        name="device_import_done",
    ),
    path("technicien/appareils/export.xlsx", import_views.device_export, name="device_export"),
    # The workshop pages; device codes last, so that fixed words above win.
    path("technicien/appareils/", views.device_list, name="device_list"),
    path("technicien/appareils/nouveau/", views.device_register, name="device_register"),
    path("technicien/etiquettes/", views.device_labels, name="device_labels"),
    path(
        "technicien/effacements/<int:erasure_id>/certificat/",
        views.erasure_certificate,
        name="erasure_certificate",
    ),
    path("technicien/donateurs/", views.donor_list, name="donor_list"),
    path("technicien/donateurs/<int:donor_id>/", views.donor_detail, name="donor"),
    path(
        "technicien/donateurs/<int:donor_id>/attestation/",
        views.donor_report,
        name="donor_report",
    ),
    path("technicien/appareils/<str:code>/", views.device_detail, name="device"),
    path("technicien/appareils/<str:code>/etape/", views.device_move, name="device_move"),
    path(
        "technicien/appareils/<str:code>/effacement/", views.device_erasure, name="device_erasure"
    ),
    path("technicien/appareils/<str:code>/etiquette/", views.device_label, name="device_label"),
]
