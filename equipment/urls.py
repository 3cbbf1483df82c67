from django.urls import path

from . import views

app_name = "equipment"

urlpatterns = [
    path("technicien/", views.technician_home, name="technician_home"),
]
