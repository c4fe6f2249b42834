"""Mounted at /giao-ban/ (portal/urls.py)."""

app_name = "meetings"

urlpatterns: list = []
