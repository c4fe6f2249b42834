"""Mounted at /doi-thoai/ (portal/urls.py): dialogue sessions and the grievance register."""

from .urls_cases import urlpatterns as case_patterns
from .urls_sessions import urlpatterns as session_patterns

app_name = "dialogue"

urlpatterns: list = session_patterns + case_patterns
