from django.urls import path

from spaces.coordinator import personal_data as privacy_views
from spaces.trainer import evidence as evidence_views

from . import accounts as accounts_views

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
