from django.urls import path

from . import views

cohorts = [
    path("cpe/", views.cpe_home, name="cpe_home"),
    path(
        "cpe/groupes/<int:cohort_id>/inscrire/",
        views.family_enrol,
        name="cpe_family_enrol",
    ),
    path("cpe/familles.csv", views.families_export, name="cpe_families_csv"),
]
