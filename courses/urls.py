from django.urls import path

from . import views

app_name = "courses"

urlpatterns = [
    path("formateur/parcours/", views.trainer_catalogue, name="trainer_catalogue"),
    path("formateur/seances/<int:page_id>/", views.session_trainer, name="session_trainer"),
    path("seances/<int:page_id>/fiche.pdf", views.handout_pdf, name="handout_pdf"),
]
