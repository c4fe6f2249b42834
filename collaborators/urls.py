from django.urls import path

from .views import coverage, imports, opinions, roster, trainings

app_name = "collaborators"

urlpatterns = [
    path("", roster.roster_list, name="list"),
    path("xuat-excel/", roster.roster_export, name="export"),
    path("them/", roster.collaborator_create_view, name="create"),
    path("<int:pk>/", roster.collaborator_detail, name="detail"),
    path("<int:pk>/sua/", roster.collaborator_edit, name="edit"),
    path("<int:pk>/ket-thuc/", roster.collaborator_end_view, name="end"),
    path("<int:pk>/quyet-dinh/", roster.collaborator_decision, name="decision"),
    path("nhap-excel/", imports.import_start, name="import"),
    path("nhap-excel/mau/", imports.import_template, name="import_template"),
    path("nhap-excel/<int:pk>/", imports.import_preview, name="import_preview"),
    path("nhap-excel/<int:pk>/dong-can-sua/", imports.import_rejected, name="import_rejected"),
    path("tap-huan/", trainings.training_list, name="training_list"),
    path("tap-huan/them/", trainings.training_form, name="training_create"),
    path("tap-huan/<int:pk>/", trainings.training_detail, name="training_detail"),
    path("tap-huan/<int:pk>/sua/", trainings.training_form, name="training_edit"),
    path("tap-huan/<int:pk>/diem-danh/", trainings.training_attendance,
         name="training_attendance"),
    path("do-bao-phu/", coverage.coverage, name="coverage"),
    path("phieu/", opinions.report_list, name="report_list"),
    path("phieu/gui/", opinions.report_new, name="report_new"),
    path("phieu/<int:pk>/", opinions.report_detail, name="report_detail"),
    path("phieu/<int:pk>/xem-xet/", opinions.report_review, name="report_review"),
    path("phieu/<int:pk>/chuyen-xu-ly/", opinions.report_escalate, name="report_escalate"),
    path("diem-nong/", opinions.hot_topics, name="hot_topics"),
]
