"""Mounted at /kiem-tra/ (portal/urls.py)."""

app_name = "inspections"

urlpatterns: list = []
