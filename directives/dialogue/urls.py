"""Mounted at /doi-thoai/ (portal/urls.py)."""

app_name = "dialogue"

urlpatterns: list = []
