"""Remind officers of their unit's monthly opinion report every morning (see
reports.unit_reports.reminders); an ordinary django-celery-beat entry, editable in the
admin."""

from django.db import migrations

TASK = "reports.unit_report_reminders"


def schedule(apps, schema_editor):
    CrontabSchedule = apps.get_model("django_celery_beat", "CrontabSchedule")
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    daily, _ = CrontabSchedule.objects.get_or_create(
        minute="0", hour="7", day_of_month="*", month_of_year="*", day_of_week="*",
        timezone="Asia/Ho_Chi_Minh")
    PeriodicTask.objects.get_or_create(
        name="Nhắc báo cáo dư luận hằng tháng của công đoàn cơ sở (7 giờ mỗi ngày)",
        defaults={"task": TASK, "crontab": daily})


def unschedule(apps, schema_editor):
    apps.get_model("django_celery_beat", "PeriodicTask").objects.filter(task=TASK).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("reports", "0006_unit_reports"),
        ("django_celery_beat", "0019_alter_periodictasks_options"),
    ]

    operations = [migrations.RunPython(schedule, unschedule)]
