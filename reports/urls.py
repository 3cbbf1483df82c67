from django.urls import path

from . import coordinator_views, views

app_name = "reports"

urlpatterns = [
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

urlpatterns += [
    path("structure/bilan/", coordinator_views.coordinator_dashboard, name="coordinator_dashboard"),
    path(
        "structure/bilan/activites.xlsx",
        coordinator_views.activities_xlsx,
        name="coordinator_activities_xlsx",
    ),
    path(
        "structure/bilan/activites.csv",
        coordinator_views.activities_csv,
        name="coordinator_activities_csv",
    ),
]
