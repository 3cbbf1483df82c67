from django.urls import path

from cohorts import cpe_views

cohorts = [
    path("cpe/", cpe_views.cpe_home, name="cpe_home"),
    path(
        "cpe/groupes/<int:cohort_id>/inscrire/",
        cpe_views.family_enrol,
        name="cpe_family_enrol",
    ),
    path("cpe/familles.csv", cpe_views.families_export, name="cpe_families_csv"),
]
