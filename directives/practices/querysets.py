"""Who sees which practice: a published practice is open to everyone signed in; a draft
to its unit's officers (and those above) and the committee. Who may change one is
`portal.permissions` as everywhere."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import F, Q

from portal.permissions import ScopedQuerySet

if TYPE_CHECKING:
    from portal.models import User


class PracticeQuerySet(ScopedQuerySet):
    unit_lookup = "unit"

    def addressed_to(self, user: User) -> Q:
        return Q(status="published")  # the library is everyone's

    def published(self) -> PracticeQuerySet:
        return self.filter(status="published")

    def endorsed(self) -> PracticeQuerySet:
        return self.published().filter(endorsed_at__isnull=False)

    def library_order(self) -> PracticeQuerySet:
        """Endorsed first (newest endorsement first), then the newest published."""
        return self.order_by(F("endorsed_at").desc(nulls_last=True),
                             F("published_at").desc(nulls_last=True), "-pk")

    def matching(self, words: str) -> PracticeQuerySet:
        from portal.text import fold

        found = self
        for word in fold(words).split()[:8]:
            found = found.filter(search__contains=word)
        return found


class AttachmentQuerySet(ScopedQuerySet):
    unit_lookup = "practice__unit"

    def addressed_to(self, user: User) -> Q:
        return Q(practice__status="published")


class AdoptionQuerySet(ScopedQuerySet):
    unit_lookup = "unit"

    def addressed_to(self, user: User) -> Q:
        return Q(practice__status="published")
