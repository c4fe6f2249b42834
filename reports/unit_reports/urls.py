"""Mounted by reports/urls.py under don-vi/, in the reports namespace."""

from django.urls import path

from . import views

urlpatterns = [
    path("", views.unit_report_list, name="unit_report_list"),
    path("tao-moi/", views.unit_report_new, name="unit_report_new"),
    path("tinh-hinh-nop/", views.unit_report_status, name="unit_report_status"),
    path("<int:pk>/", views.unit_report_detail, name="unit_report_detail"),
    path("<int:pk>/sua/", views.unit_report_edit, name="unit_report_edit"),
    path("<int:pk>/gui/", views.unit_report_submit_view, name="unit_report_submit"),
    path("<int:pk>/ghi-nhan/", views.unit_report_acknowledge_view,
         name="unit_report_acknowledge"),
    path("<int:pk>/tai-ve.<str:fmt>", views.unit_report_download, name="unit_report_download"),
]
