from django.urls import path

from . import views

reports = [
    path("financeur/", views.funder_home, name="funder_home"),
    path("financeur/glossaire/", views.glossary, name="glossary"),
    path(
        "financeur/dispositifs/<int:programme_id>/",
        views.programme_report,
        name="programme_report",
    ),
    path(
        "financeur/dispositifs/<int:programme_id>/bilan.xlsx",
        views.programme_xlsx,
        name="programme_xlsx",
    ),
    path(
        "financeur/dispositifs/<int:programme_id>/bilan.csv",
        views.programme_csv,
        name="programme_csv",
    ),
    path(
        "financeur/dispositifs/<int:programme_id>/bilan.pdf",
        views.programme_pdf,
        name="programme_pdf",
    ),
]
