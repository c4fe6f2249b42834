"""The six areas of work dispatch 360/CĐ-ĐHQG asks of every grassroots union. A directive's
task, a good practice, a review line each say which area it serves."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class DispatchArea(models.TextChoices):
    LEADERSHIP = "leadership", _("Leadership and direction")
    NETWORK = "network", _("Opinion collaborator network")
    SURVEYS = "surveys", _("Opinion surveys")
    BRIEFINGS = "briefings", _("Briefings and opinion reports")
    DIALOGUE = "dialogue", _("Dialogue and grievances")
    INSPECTION = "inspection", _("Inspection and good practices")
