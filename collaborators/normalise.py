"""What real sheets and forms contain, turned into clean values.

Shared by the roster form and the Excel import so that a phone typed in the form and the
same phone in a sheet end up identical (and so match). Each parser raises ValueError with
a Vietnamese message (through gettext) the caller attaches to a field, a row or a column.
"""

from __future__ import annotations

import re
from datetime import date, datetime

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext as _

from portal.ages import BIRTH_YEAR_MAX, BIRTH_YEAR_MESSAGE, BIRTH_YEAR_MIN
from portal.text import nfc

_SPACES = re.compile(r"\s+")
_PHONE_JUNK = re.compile(r"[\s.\-()/]")


def clean_text(value: object) -> str:
    """Composed (NFC), without stray and non-breaking spaces, runs of spaces collapsed."""
    if value is None:
        return ""
    text = nfc(str(value)).replace("\xa0", " ").replace("\u200b", "")
    return _SPACES.sub(" ", text).strip()


def compose_text_fields(instance: models.Model) -> None:
    """Every text a person typed into `instance`, in the one composed form (NFC).

    "Nguyễn" typed on a Mac arrives decomposed; stored so, it would be exported, matched and
    sorted as a different name. Services call this before `full_clean()`; the importer
    calls it on each row, since bulk writes skip any save() hook."""
    for field in instance._meta.concrete_fields:
        if isinstance(field, (models.CharField, models.TextField)) and not field.choices:
            value = getattr(instance, field.attname)
            if isinstance(value, str):
                setattr(instance, field.attname, nfc(value))


def normalise_phone(value: object) -> str:
    """"0912 345 678", "0912.345.678", "+84 912 345 678", 912345678 -> "0912345678".

    Vietnamese numbers have 10 digits (mobile) or 11 (landline with area code); Excel drops
    the leading zero of a number typed into a numeric cell, so 9-10 digit numbers without it
    get it back."""
    if value is None or value == "":
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = _PHONE_JUNK.sub("", clean_text(value))
    if not text:
        return ""
    if text.startswith("+84"):
        text = "0" + text[3:]
    elif text.startswith("0084"):
        text = "0" + text[4:]
    elif text.startswith("84") and len(text) in (11, 12):
        text = "0" + text[2:]
    if not text.isdigit():
        raise ValueError(_("A phone number may contain only digits, spaces, dots and +84."))
    if not text.startswith("0") and len(text) in (9, 10):
        text = "0" + text
    if len(text) not in (10, 11):
        raise ValueError(_("A Vietnamese phone number has 10 or 11 digits (e.g. 0912 345 678)."))
    return text


_DATE_TEXT = re.compile(r"^(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{2}|\d{4})$")
_ISO_TEXT = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T].*)?$")


def parse_date(value: object) -> date | None:
    """A date from an Excel date cell, an Excel serial number, "dd/mm/yyyy" text (also with
    dots or dashes, or a two-digit year) or ISO "yyyy-mm-dd". Day first, as Vietnam writes."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        from openpyxl.utils.datetime import from_excel

        # Excel serials from 1954 to 2064; anything else in a date column is a typo.
        if not 20000 <= value <= 60000:
            raise ValueError(_("“%(value)s” is not a date; write it as dd/mm/yyyy, e.g. "
                               "05/01/2025.") % {"value": value})
        result = from_excel(value)
        return result.date() if isinstance(result, datetime) else result
    text = clean_text(value)
    if not text:
        return None
    match = _DATE_TEXT.match(text)
    try:
        if match:
            day, month, year = (int(part) for part in match.groups())
            if year < 100:
                year += 2000 if year <= timezone.localdate().year % 100 else 1900
            return date(year, month, day)
        match = _ISO_TEXT.match(text)
        if match:
            year, month, day = (int(part) for part in match.groups())
            return date(year, month, day)
    except ValueError:
        raise ValueError(_("“%(value)s” is not a real date.") % {"value": text}) from None
    raise ValueError(
        _("“%(value)s” is not a date; write it as dd/mm/yyyy, e.g. 05/01/2025.") % {"value": text}
    )


def parse_year(value: object) -> int | None:
    """A year of birth from 1985, 1985.0, "1985", or a full date of birth."""
    if value is None or value == "":
        return None
    if isinstance(value, (datetime, date)):
        return value.year
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, int) and not isinstance(value, bool):
        year = value
    else:
        text = clean_text(value)
        if not text:
            return None
        if text.isdigit():
            year = int(text)
        else:
            try:
                parsed = parse_date(text)
            except ValueError:
                parsed = None
            if parsed is None:
                raise ValueError(
                    _("“%(value)s” is not a year of birth (e.g. 1985).") % {"value": text}
                )
            year = parsed.year
    if not BIRTH_YEAR_MIN <= year <= BIRTH_YEAR_MAX:
        raise ValueError(str(BIRTH_YEAR_MESSAGE))
    return year
