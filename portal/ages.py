"""Age bands and the plausible years of birth, defined once: the roster's composition, the
survey breakdowns and the anonymity rules all band ages the same way (age = the year in
question - the year of birth)."""

from __future__ import annotations

from datetime import date

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

BIRTH_YEAR_MIN = 1930
BIRTH_YEAR_MAX = 2015
BIRTH_YEAR_MESSAGE = _("The year of birth must be between 1930 and 2015.")


class AgeBand(models.TextChoices):
    UNDER_30 = "u30", _("Under 30")
    FROM_30 = "30-39", _("30 to 39")
    FROM_40 = "40-49", _("40 to 49")
    FROM_50 = "50-59", _("50 to 59")
    FROM_60 = "60+", _("60 and over")
    UNKNOWN = "unknown", _("Not given")

    @classmethod
    def bounds(cls) -> list[tuple[int, AgeBand]]:
        """(age below which, band), youngest first; older than all is FROM_60."""
        return [(30, cls.UNDER_30), (40, cls.FROM_30), (50, cls.FROM_40), (60, cls.FROM_50)]

    @classmethod
    def of(cls, birth_year: int | None, on: date) -> AgeBand:
        if not birth_year:
            return cls.UNKNOWN
        age = on.year - birth_year
        return next((band for upper, band in cls.bounds() if age < upper), cls.FROM_60)

    @classmethod
    def sql(cls, birth_year: str, year: int) -> str:
        """The same rule as `of()`, as an SQL expression on the column `birth_year`."""
        cases = " ".join(f"WHEN {year} - {birth_year} < {upper} THEN '{band.value}'"
                         for upper, band in cls.bounds())
        return (f"CASE WHEN {birth_year} IS NULL THEN '{cls.UNKNOWN.value}' {cases} "
                f"ELSE '{cls.FROM_60.value}' END")

    @classmethod
    def conditions(cls, year: int, field: str = "birth_year") -> list[tuple[str, object, Q]]:
        """(band, label, filter) for each band, the same rule as `of()` as ORM filters."""
        result: list[tuple[str, object, Q]] = []
        older = Q()
        for upper, band in cls.bounds():
            result.append((band.value, band.label, Q(**{f"{field}__gt": year - upper}) & older))
            older = Q(**{f"{field}__lte": year - upper})
        result.append((cls.FROM_60.value, cls.FROM_60.label, older))
        result.append((cls.UNKNOWN.value, cls.UNKNOWN.label, Q(**{f"{field}__isnull": True})))
        return result
