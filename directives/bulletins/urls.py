"""Mounted at /thong-tin/ (portal/urls.py)."""

from django.urls import path

from . import views

app_name = "bulletins"

urlpatterns = [
    path("", views.bulletin_list, name="list"),
    path("quan-ly/", views.bulletin_manage, name="manage"),
    path("moi/", views.bulletin_new, name="new"),
    path("dinh-huong/", views.orient, name="orient"),
    path("<int:pk>/", views.bulletin_detail, name="detail"),
    path("<int:pk>/sua/", views.bulletin_edit, name="edit"),
    path("<int:pk>/tiep-can/", views.bulletin_reach, name="reach"),
    path("<int:pk>/hoi/", views.question_new, name="ask"),
    path("tep/<int:pk>/", views.attachment, name="attachment"),
    path("cau-hoi/<int:pk>/tra-loi/", views.question_reply, name="answer"),
    path("cau-hoi/<int:pk>/vu-viec/", views.question_case, name="to_case"),
]
