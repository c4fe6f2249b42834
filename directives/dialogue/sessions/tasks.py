"""Celery tasks of dialogue sessions."""
