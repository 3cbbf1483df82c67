from django.urls import path

from . import views

app_name = "accounts"

urlpatterns = [
    path("espace/", views.landing, name="landing"),
    path("espace/sans-role/", views.no_role, name="no_role"),
    path("apprenant/connexion/", views.learner_login, name="learner_login"),
    path("comptes/apprenants/", views.learner_accounts, name="learner_accounts"),
    path(
        "comptes/apprenants/<int:account_id>/nouveau-pin/",
        views.learner_pin_reset,
        name="learner_pin_reset",
    ),
]
