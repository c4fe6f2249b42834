"""Mounted at /thong-tin/ (portal/urls.py)."""

app_name = "bulletins"

urlpatterns: list = []
