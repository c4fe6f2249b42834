"""The grievance register: queue, cases, my cases, receipt codes."""

from django.urls import path

from .cases import views

urlpatterns: list = [
    path("kien-nghi/", views.queue, name="case_queue"),
    path("kien-nghi/moi/", views.new, name="case_new"),
    path("kien-nghi/tong-hop/", views.overview, name="case_overview"),
    path("kien-nghi/mau-tra-loi/", views.templates, name="case_templates"),
    path("kien-nghi/mau-tra-loi/moi/", views.template_edit, name="case_template_new"),
    path("kien-nghi/mau-tra-loi/<int:pk>/", views.template_edit, name="case_template_edit"),
    path("kien-nghi/tu-khao-sat/<int:survey_id>/cau-<int:question_id>/", views.from_survey,
         name="case_from_survey"),
    path("kien-nghi/<uuid:pk>/", views.detail, name="case_detail"),
    path("kien-nghi/<uuid:pk>/tiep-nhan/", views.intake, name="case_intake"),
    path("kien-nghi/<uuid:pk>/xu-ly/", views.start, name="case_start"),
    path("kien-nghi/<uuid:pk>/tra-loi/", views.answer, name="case_answer"),
    path("kien-nghi/<uuid:pk>/khong-giai-quyet/", views.decline, name="case_decline"),
    path("kien-nghi/<uuid:pk>/ghi-chu/", views.note, name="case_note"),
    path("kien-nghi/<uuid:pk>/dong/", views.close, name="case_close"),
    path("kien-nghi/<uuid:pk>/bao-cao-len/", views.escalate, name="case_escalate"),
    path("kien-nghi/<uuid:pk>/phu-trach/", views.assign, name="case_assign"),
    path("kien-nghi/<uuid:pk>/lien-ket/", views.link, name="case_link"),
    path("kien-nghi/<uuid:pk>/tep/", views.attachment, name="case_attachment"),
    path("kien-nghi-cua-toi/", views.mine, name="my_cases"),
    path("kien-nghi-cua-toi/gui/", views.raise_case, name="my_case_new"),
    path("kien-nghi-cua-toi/<uuid:pk>/", views.my_case, name="my_case"),
    path("kien-nghi-cua-toi/<uuid:pk>/mo-lai/", views.reopen, name="my_case_reopen"),
    path("tra-cuu-kien-nghi/", views.receipt, name="case_receipt"),
]
