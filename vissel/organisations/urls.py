from django.urls import path

from vissel.organisations import views

urlpatterns = [
    path("", views.landing, name="landing"),
    path("language/", views.switch_language, name="switch_language"),
]
