from django.urls import path

from cohorts import referral_views

cohorts = [
    path("prescripteur/", referral_views.prescriber_home, name="prescriber_home"),
    path("prescripteur/orienter/", referral_views.referral_new, name="referral_new"),
    path(
        "prescripteur/orientations/<int:referral_id>/",
        referral_views.prescriber_referral,
        name="prescriber_referral",
    ),
]
