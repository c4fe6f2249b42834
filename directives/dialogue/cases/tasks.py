"""Celery tasks of the grievance register."""
