from django.urls import path

from . import views

app_name = "reports"

urlpatterns = [
    path("", views.report_list, name="list"),
    path("tong-quan/", views.dashboard, name="dashboard"),
    path("tao-moi/", views.report_new, name="new"),
    path("<int:pk>/", views.report_detail, name="detail"),
    path("<int:pk>/tao-lai/", views.report_regenerate_view, name="regenerate"),
    path("<int:pk>/tai-ve.<str:fmt>", views.report_download, name="download"),
]
