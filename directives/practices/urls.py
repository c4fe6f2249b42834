"""Mounted at /cach-lam-hay/ (portal/urls.py)."""

app_name = "practices"

urlpatterns: list = []
