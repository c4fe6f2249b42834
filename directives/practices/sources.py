"""A practice proposed from an inspection finding or a review (the inspections app):
`?inspection=<id>` or `?review=<id>` on the writing page pre-fills the form, for a record
the person may see; the practice keeps the link and its page shows it to those who may
see the record."""

from __future__ import annotations

from django.urls import NoReverseMatch
from django.utils.translation import gettext as _

from portal.models import User


def _visible(model, user: User, value: str):
    return model.objects.visible_to(user).filter(pk=value).first() if value.isdigit() else None


def from_query(request, user: User) -> dict:
    """{"initial": form values, "links": service keywords, "source": (label, record)}."""
    from directives.inspections.models import Inspection, Review

    inspection = _visible(Inspection, user, request.GET.get("inspection", ""))
    if inspection is not None:
        body = inspection.conclusion or inspection.verification or ""
        return {"initial": {"unit": inspection.unit_id, "body": body},
                "links": {"inspection": inspection},
                "source": (_("Proposed from the inspection of %(unit)s")
                           % {"unit": inspection.unit.name}, inspection)}
    review = _visible(Review, user, request.GET.get("review", ""))
    if review is not None:
        return {"initial": {}, "links": {"review": review},
                "source": (_("Proposed from the review: %(title)s") % {"title": review.title},
                           review)}
    return {}


def source_of(practice, user: User) -> dict | None:
    """The inspection or review the practice came from, if this person may see it."""
    from directives.inspections.models import Inspection, Review

    for model, pk, label in ((Inspection, practice.inspection_id, _("an inspection")),
                             (Review, practice.review_id, _("a review"))):
        if pk is None:
            continue
        record = model.objects.visible_to(user).filter(pk=pk).first()
        if record is None:
            return {"label": label, "url": "", "name": ""}
        try:
            url = record.get_absolute_url()
        except NoReverseMatch:
            url = ""
        return {"label": label, "url": url, "name": str(record)}
    return None
