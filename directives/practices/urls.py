"""Mounted at /cach-lam-hay/ (portal/urls.py)."""

from django.urls import path

from . import views

app_name = "practices"

urlpatterns = [
    path("", views.library, name="library"),
    path("viet-moi/", views.practice_form, name="create"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/sua/", views.practice_form, name="edit"),
    path("<int:pk>/cong-bo/", views.publish, name="publish"),
    path("<int:pk>/cong-nhan/", views.endorse, name="endorse"),
    path("<int:pk>/ap-dung/", views.adopt, name="adopt"),
    path("tep/<int:pk>/", views.attachment, name="attachment"),
    path("tep/<int:pk>/xoa/", views.attachment_delete, name="attachment_delete"),
]
