"""Mounted at /kiem-tra/ (portal/urls.py)."""

from django.urls import path

from . import views

app_name = "inspections"

urlpatterns = [
    path("", views.index, name="index"),
    path("chuong-trinh/moi/", views.programme_add, name="programme_add"),
    path("chuong-trinh/<int:pk>/", views.programme, name="programme"),
    path("chuong-trinh/<int:pk>/them/", views.inspection_add, name="inspection_add"),
    path("xep-loai/", views.ratings, name="ratings"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/ke-hoach/", views.plan_edit, name="plan_edit"),
    path("<int:pk>/thong-bao/", views.notify, name="notify"),
    path("<int:pk>/tu-bao-cao/", views.self_report, name="self_report"),
    path("<int:pk>/xac-minh/", views.verify, name="verify"),
    path("<int:pk>/ket-luan/", views.conclude, name="conclude"),
    path("<int:pk>/kien-nghi/them/", views.recommendation_add, name="recommendation_add"),
    path("<int:pk>/kiem-tra-lai/", views.reinspect, name="reinspect"),
    path("<int:pk>/tep/<slug:which>/", views.attachment, name="attachment"),
    path("kien-nghi/", views.recommendations, name="recommendations"),
    path("kien-nghi/<int:pk>/", views.recommendation, name="recommendation"),
    path("kien-nghi/<int:pk>/tra-loi/", views.recommendation_answer,
         name="recommendation_answer"),
    path("kien-nghi/<int:pk>/danh-gia/", views.recommendation_review,
         name="recommendation_review"),
    path("kien-nghi/<int:pk>/minh-chung/", views.recommendation_evidence,
         name="recommendation_evidence"),
    path("so-ket/", views.reviews, name="reviews"),
    path("so-ket/moi/", views.review_add, name="review_add"),
    path("so-ket/<int:pk>/", views.review, name="review"),
    path("so-ket/<int:pk>/tu-danh-gia/", views.review_assess, name="review_assess"),
    path("so-ket/<int:pk>/xep-loai/", views.review_rate, name="review_rate"),
]
