from django.urls import path

from .views import answer, builder, manage, results

app_name = "surveys"

urlpatterns = [
    # Members first: answering is the busiest path, and patterns are tried in order.
    path("cua-toi/", answer.mine, name="mine"),
    path("<int:pk>/tra-loi/", answer.answer_open, name="answer_open"),
    path("p/<str:token>/", answer.answer_token, name="answer_token"),
    path("p/<str:token>/ket-qua/", answer.published_by_token, name="published_by_token"),
    path("cam-on/<str:signed>/", answer.thanks, name="thanks"),
    path("<int:pk>/ket-qua-chung/", answer.published, name="published"),
    # Officers and the committee
    path("", manage.survey_index, name="list"),
    path("tao-moi/", manage.survey_new, name="create"),
    path("<int:pk>/", manage.survey_detail, name="detail"),
    path("<int:pk>/sua/", manage.survey_edit, name="edit"),
    path("<int:pk>/mo/", manage.survey_open_view, name="open"),
    path("<int:pk>/dong/", manage.survey_close_view, name="close"),
    path("<int:pk>/xoa/", manage.survey_delete_view, name="delete"),
    path("<int:pk>/sao-chep/", manage.survey_copy_view, name="copy"),
    path("<int:pk>/gui-loi-moi/", manage.survey_invite_view, name="invite"),
    path("<int:pk>/nhac-nho/", manage.survey_remind_view, name="remind"),
    path("<int:pk>/phieu-in/", manage.survey_print, name="print"),
    # The builder
    path("<int:pk>/cau-hoi/", builder.builder, name="builder"),
    path("<int:pk>/cau-hoi/them/", builder.question_add, name="question_add"),
    path("<int:pk>/cau-hoi/<int:question_id>/sua/", builder.question_edit,
         name="question_edit"),
    path("<int:pk>/cau-hoi/<int:question_id>/xoa/", builder.question_delete_view,
         name="question_delete"),
    path("<int:pk>/cau-hoi/<int:question_id>/di-chuyen/", builder.question_move_view,
         name="question_move"),
    path("<int:pk>/phan/them/", builder.section_add, name="section_add"),
    path("<int:pk>/phan/<int:section_id>/sua/", builder.section_edit, name="section_edit"),
    path("<int:pk>/phan/<int:section_id>/xoa/", builder.section_delete_view,
         name="section_delete"),
    path("<int:pk>/phan/<int:section_id>/di-chuyen/", builder.section_move_view,
         name="section_move"),
    path("<int:pk>/xem-truoc/", builder.preview, name="preview"),
    # Results
    path("<int:pk>/ket-qua/", results.results, name="results"),
    path("<int:pk>/ket-qua/cau-<int:question_id>/", results.text_list, name="text_answers"),
    path("<int:pk>/xuat.csv", results.export_csv, name="export_csv"),
    path("<int:pk>/xuat.xlsx", results.export_xlsx, name="export_xlsx"),
    path("<int:pk>/cong-bo/", results.publish, name="publish"),
]
