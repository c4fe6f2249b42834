"""Mounted at /giao-ban/ (portal/urls.py)."""

from django.urls import path

from . import views

app_name = "meetings"

urlpatterns = [
    path("", views.meeting_list, name="list"),
    path("them/", views.meeting_form, name="create"),
    path("<int:pk>/", views.meeting_detail, name="detail"),
    path("<int:pk>/sua/", views.meeting_form, name="edit"),
    path("<int:pk>/diem-danh/", views.meeting_attendance, name="attendance"),
    path("<int:pk>/them-viec/", views.action_new, name="action_create"),
    path("viec/", views.action_list, name="actions"),
    path("viec/<int:pk>/", views.action_detail, name="action"),
    path("tan-suat/", views.cadence, name="cadence"),
]
