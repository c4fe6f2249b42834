import subprocess
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_pages_are_vietnamese_by_default(client, accounts):
    page = client.get(reverse("login")).content.decode()
    assert '<html lang="vi">' in page
    assert "Đăng nhập" in page


def test_english_is_available_through_the_switcher(client, accounts):
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    page = client.get(reverse("login")).content.decode()
    assert '<html lang="en">' in page and "Log in to the portal" in page


def test_dates_are_written_day_month_year(client_for, accounts):
    from datetime import date

    from django.utils import formats, translation

    with translation.override("vi"):
        assert formats.date_format(date(2025, 1, 5)) == "05/01/2025"
    page = client_for(accounts["member"]).get(reverse("home")).content.decode()
    from django.utils import timezone

    assert timezone.localdate().strftime("%d/%m/%Y") in page


def test_every_message_has_a_vietnamese_translation():
    catalogues = [p for p in Path(settings.BASE_DIR).glob("**/locale/vi/LC_MESSAGES/django.po")
                  if ".venv" not in p.parts]
    assert catalogues
    for po in catalogues:
        out = subprocess.run(["msgattrib", "--untranslated", "--no-obsolete", str(po)],
                             capture_output=True, text=True, check=True).stdout
        assert 'msgid "' not in out.replace('msgid ""\nmsgstr ""', ""), f"{po}:\n{out[:2000]}"
        fuzzy = subprocess.run(["msgattrib", "--only-fuzzy", str(po)],
                               capture_output=True, text=True, check=True).stdout
        assert "msgid" not in fuzzy, f"fuzzy entries in {po}"
        mo = po.with_suffix(".mo")
        assert mo.exists() and mo.stat().st_mtime >= po.stat().st_mtime - 1, f"{mo} is stale"


def test_an_english_browser_still_gets_vietnamese_until_the_person_switches(client, db):
    page = client.get(reverse("login"), HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9").content.decode()
    assert '<html lang="vi">' in page and "Đăng nhập cổng thông tin" in page
