"""Dialogue sessions, their minutes and the public progress page."""

from django.urls import path

from .sessions import views

urlpatterns: list = [
    path("", views.session_list, name="session_list"),
    path("them/", views.session_form, name="session_create"),
    path("<int:pk>/", views.session_detail, name="session_detail"),
    path("<int:pk>/sua/", views.session_form, name="session_edit"),
    path("<int:pk>/da-gui-chuong-trinh/", views.session_agenda_sent, name="session_agenda_sent"),
    path("<int:pk>/bien-ban/", views.session_minutes, name="session_minutes"),
    path("<int:pk>/bien-ban-da-ky/", views.session_signed_minutes,
         name="session_signed_minutes"),
    path("<int:pk>/cong-bo/", views.session_publish, name="session_publish"),
    path("<int:pk>/cam-ket/them/", views.commitment_create, name="commitment_create"),
    path("cam-ket/", views.commitment_list, name="commitment_list"),
    path("cam-ket/<int:pk>/", views.commitment_edit, name="commitment_edit"),
    path("hoi-nghi/", views.overview, name="overview"),
    path("tien-do/", views.progress, name="progress"),
    path("tien-do/<int:pk>/", views.session_summary, name="session_summary"),
]
