from django.db import models

from portal.tracking import TrackedItem


class Chore(TrackedItem):
    title = models.CharField(max_length=100)

    class Meta(TrackedItem.Meta):
        indexes = [models.Index(fields=["unit", "status", "due_on"])]
