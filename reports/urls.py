from django.urls import path

from . import views

app_name = "reports"

urlpatterns = [
    path("financeur/", views.funder_home, name="funder_home"),
]
