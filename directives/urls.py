from django.urls import path

from . import views

app_name = "directives"

urlpatterns = [
    path("", views.directive_list, name="list"),
    path("them/", views.directive_form, name="create"),
    path("<int:pk>/", views.directive_detail, name="detail"),
    path("<int:pk>/sua/", views.directive_form, name="edit"),
    path("<int:pk>/ban-hanh/", views.directive_publish_view, name="publish"),
    path("<int:pk>/xoa/", views.directive_delete_view, name="delete"),
    path("<int:pk>/van-ban/", views.directive_attachment, name="attachment"),
    path("<int:directive_pk>/nhiem-vu/them/", views.task_form, name="task_create"),
    path("nhiem-vu/<int:pk>/sua/", views.task_form, name="task_edit"),
    path("nhiem-vu/<int:pk>/xoa/", views.task_delete_view, name="task_delete"),
    path("<int:pk>/tien-do/", views.matrix, name="matrix"),
    path("<int:pk>/tien-do/xuat-excel/", views.matrix_export, name="matrix_export"),
    path("tien-do/", views.progress_list, name="progress_list"),
    path("tien-do/<int:pk>/", views.progress_detail, name="progress"),
    path("tien-do/<int:pk>/minh-chung/", views.progress_evidence, name="evidence"),
]
