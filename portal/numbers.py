"""One rounding rule and one way of writing a figure, for every page, chart and document.

A figure shown in two places must read the same in both: the dashboard table, its chart,
the PDF and the Word report all round here (half up, to one decimal place by default) and
write the result here (Vietnamese decimal comma, thousands dot; English the other way
round, through Django's active locale formats)."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django.utils.formats import number_format

PLACES = 1


def rounded(value, places: int = PLACES) -> Decimal | None:
    """`value` rounded half up (0,05 → 0,1; 10,65 → 10,7), or None when there is none.

    Decimal, not float: `round(10.65, 1)` is 10.6 in binary floating point, which is how
    one figure came to read 10,6 in a table and 10,7 in its chart."""
    if value is None:
        return None
    try:
        exact = value if isinstance(value, Decimal) else Decimal(str(value))
    except (InvalidOperation, ValueError):
        return None
    return exact.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def ratio(part, whole, *, per: int = 100, places: int = PLACES) -> Decimal | None:
    """`part` per `per` of `whole` (a percentage by default), rounded; None if `whole` is 0."""
    if not whole or part is None:
        return None
    return rounded(Decimal(part) * per / Decimal(whole), places)


def percent(part, whole, *, places: int = PLACES) -> Decimal | None:
    return ratio(part, whole, per=100, places=places)


def format_figure(value, places: int = PLACES) -> str:
    """The rounded figure written for the active language; an empty string for None."""
    value = rounded(value, places)
    if value is None:
        return ""
    return number_format(value, decimal_pos=places, use_l10n=True, force_grouping=True)


def format_percent(value, places: int = PLACES) -> str:
    text = format_figure(value, places)
    return f"{text} %" if text else ""
