from django.contrib import admin
from django.urls import include, path
from django.views.generic import TemplateView

from .views import audit, auth, guides, health, home, units

portal_patterns = (
    [
        path("don-vi/", units.unit_list, name="unit_list"),
        path("don-vi/<int:pk>/", units.unit_detail, name="unit_detail"),
        path("don-vi/<int:pk>/so-doan-vien/", units.unit_member_count, name="unit_member_count"),
        path("lich-su-thay-doi/", audit.audit_log, name="audit_log"),
        path("huong-dan/", guides.guide, name="help"),
        path("huong-dan/<slug:slug>/", guides.guide, name="help_role"),
    ],
    "portal",
)

account_patterns = [
    path("dang-nhap/", auth.LoginView.as_view(), name="login"),
    path("dang-xuat/", auth.LogoutView.as_view(), name="logout"),
    path("doi-mat-khau/", auth.PasswordChangeView.as_view(), name="password_change"),
    path("doi-mat-khau/xong/", auth.PasswordChangeDoneView.as_view(),
         name="password_change_done"),
    path("quen-mat-khau/", auth.PasswordResetView.as_view(), name="password_reset"),
    path("quen-mat-khau/da-gui/", auth.PasswordResetDoneView.as_view(),
         name="password_reset_done"),
    path("dat-lai/<uidb64>/<token>/", auth.PasswordResetConfirmView.as_view(),
         name="password_reset_confirm"),
    path("dat-lai/xong/", auth.PasswordResetCompleteView.as_view(),
         name="password_reset_complete"),
]

urlpatterns = [
    path("", home.home, name="home"),
    # Members' answers are the busiest requests; patterns are tried in order.
    path("khao-sat/", include("surveys.urls")),
    path("healthz", health.healthz, name="healthz"),
    path("tai-khoan/", include(account_patterns)),
    path("i18n/", include("django.conf.urls.i18n")),
    path("", include(portal_patterns)),
    path("cong-tac-vien/", include("collaborators.urls")),
    path("chi-dao/", include("directives.urls")),
    path("giao-ban/", include("directives.meetings.urls")),
    path("doi-thoai/", include("directives.dialogue.urls")),
    path("kiem-tra/", include("directives.inspections.urls")),
    path("cach-lam-hay/", include("directives.practices.urls")),
    path("thong-tin/", include("directives.bulletins.urls")),
    path("bao-cao/", include("reports.urls")),
    path("quan-tri/", admin.site.urls),
    path("robots.txt", TemplateView.as_view(template_name="robots.txt",
                                            content_type="text/plain")),
]
