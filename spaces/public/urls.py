from django.urls import path

from accounts import views as accounts_views
from cohorts import evidence_views
from spaces.coordinator import personal_data as privacy_views

accounts = [
    path("espace/", accounts_views.landing, name="landing"),
    path("espace/sans-role/", accounts_views.no_role, name="no_role"),
]

cohorts = [
    path("verify/", evidence_views.verify, name="verify_home"),
    path("verify/<str:code>/", evidence_views.verify, name="verify"),
]

privacy = [
    path("donnees-personnelles/", privacy_views.privacy_notice, name="notice"),
]
