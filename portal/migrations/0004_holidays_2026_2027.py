"""Vietnam's public holidays for 2026 and 2027 (Labour Code 2019, art. 112), as working-day
deadlines need them. Only weekdays matter to a deadline, so only weekdays are listed.

2026 follows the government's announced schedule (Tết Bính Ngọ from Saturday 14/02 to
Sunday 22/02). 2027 is projected from the statute and the lunar calendar (Tết Đinh Mùi on
Saturday 06/02/2027; the Hùng Kings' day on 16/04/2027) and must be checked against the
government's notice for that year: administrators edit the list in the admin."""

from datetime import date

from django.db import migrations

HOLIDAYS = [
    (date(2026, 1, 1), "Tết Dương lịch"),
    (date(2026, 2, 16), "Tết Nguyên đán"),
    (date(2026, 2, 17), "Tết Nguyên đán"),
    (date(2026, 2, 18), "Tết Nguyên đán"),
    (date(2026, 2, 19), "Tết Nguyên đán"),
    (date(2026, 2, 20), "Tết Nguyên đán"),
    (date(2026, 4, 27), "Giỗ Tổ Hùng Vương (nghỉ bù)"),
    (date(2026, 4, 30), "Ngày Chiến thắng"),
    (date(2026, 5, 1), "Ngày Quốc tế Lao động"),
    (date(2026, 9, 1), "Quốc khánh"),
    (date(2026, 9, 2), "Quốc khánh"),
    (date(2027, 1, 1), "Tết Dương lịch"),
    (date(2027, 2, 4), "Tết Nguyên đán"),
    (date(2027, 2, 5), "Tết Nguyên đán"),
    (date(2027, 2, 8), "Tết Nguyên đán"),
    (date(2027, 2, 9), "Tết Nguyên đán"),
    (date(2027, 2, 10), "Tết Nguyên đán"),
    (date(2027, 4, 16), "Giỗ Tổ Hùng Vương"),
    (date(2027, 4, 30), "Ngày Chiến thắng"),
    (date(2027, 5, 3), "Ngày Quốc tế Lao động (nghỉ bù)"),
    (date(2027, 9, 2), "Quốc khánh"),
    (date(2027, 9, 3), "Quốc khánh"),
]


def seed(apps, schema_editor):
    Holiday = apps.get_model("portal", "Holiday")
    for day, name in HOLIDAYS:
        Holiday.objects.get_or_create(day=day, defaults={"name": name})


def unseed(apps, schema_editor):
    apps.get_model("portal", "Holiday").objects.filter(
        day__in=[day for day, _ in HOLIDAYS]).delete()


class Migration(migrations.Migration):
    dependencies = [("portal", "0003_holiday")]

    operations = [migrations.RunPython(seed, unseed)]
