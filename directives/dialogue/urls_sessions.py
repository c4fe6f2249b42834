"""Dialogue sessions, their minutes and the public progress page."""

urlpatterns: list = []
