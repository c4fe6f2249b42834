from django.urls import include, path

from . import views, views_issued

app_name = "reports"

urlpatterns = [
    path("", views.report_list, name="list"),
    path("tong-quan/", views.dashboard, name="dashboard"),
    path("tao-moi/", views.report_new, name="new"),
    path("<int:pk>/", views.report_detail, name="detail"),
    path("<int:pk>/tao-lai/", views.report_regenerate_view, name="regenerate"),
    path("<int:pk>/tai-ve.<str:fmt>", views.report_download, name="download"),
    path("<int:pk>/hieu-chinh/", views.report_review_view, name="review"),
    path("<int:pk>/ban-hanh/", views.report_issue_view, name="issue"),
    path("van-ban/<slug:kind>/<int:pk>/ban-in.pdf", views_issued.subject_pdf,
         name="subject_pdf"),
    path("van-ban/<slug:kind>/<int:pk>/ban-hanh/", views_issued.subject_issue,
         name="subject_issue"),
    path("van-ban/da-ban-hanh/<int:pk>/tai-ve.<str:fmt>", views_issued.issued_download,
         name="issued_download"),
    path("don-vi/", include("reports.unit_reports.urls")),
]
