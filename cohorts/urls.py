from django.urls import path

from . import views

app_name = "cohorts"

urlpatterns = [
    path("formateur/", views.trainer_home, name="trainer_home"),
    path("cpe/", views.cpe_home, name="cpe_home"),
    path("prescripteur/", views.prescriber_home, name="prescriber_home"),
    path("apprenant/", views.learner_home, name="learner_home"),
]
