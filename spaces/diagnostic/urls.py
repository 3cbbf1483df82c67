from django.urls import path

from . import views

diagnostics = [
    path("formateur/diagnostic/", views.assisted_start, name="assisted_start"),
    path("apprenant/diagnostic/", views.self_start, name="self_start"),
    path("diagnostic/<int:assessment_id>/", views.question, name="question"),
    path("diagnostic/<int:assessment_id>/terminer/", views.complete, name="complete"),
    path("diagnostic/<int:assessment_id>/resultat/", views.result, name="result"),
]
