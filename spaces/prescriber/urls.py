from django.urls import path

from . import views

cohorts = [
    path("prescripteur/", views.prescriber_home, name="prescriber_home"),
    path("prescripteur/orienter/", views.referral_new, name="referral_new"),
    path(
        "prescripteur/orientations/<int:referral_id>/",
        views.prescriber_referral,
        name="prescriber_referral",
    ),
]
