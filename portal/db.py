"""Query pieces every app's selectors share."""

from __future__ import annotations

from django.db.models import F, Func, IntegerField, QuerySet, Subquery
from django.db.models.functions import Coalesce


def count_of(queryset: QuerySet) -> Coalesce:
    """COUNT(*) of a correlated subquery (one that refers to OuterRef), as an annotation:
    0 where nothing matches. No GROUP BY, so it works whatever the subquery filters on."""
    counted = queryset.order_by().annotate(
        n=Func(F("pk"), function="COUNT", output_field=IntegerField())).values("n")
    return Coalesce(Subquery(counted), 0)
