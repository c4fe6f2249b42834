"""Remind the people in charge of follow-up actions once a day, at 07:00 (see
directives.meetings.tasks); the schedule is an ordinary django-celery-beat entry, editable in
the admin."""

from django.db import migrations

TASK = "meetings.remind_actions"


def schedule(apps, schema_editor):
    CrontabSchedule = apps.get_model("django_celery_beat", "CrontabSchedule")
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    seven, _ = CrontabSchedule.objects.get_or_create(
        minute="0", hour="7", day_of_week="*", day_of_month="*", month_of_year="*",
        timezone="Asia/Ho_Chi_Minh")
    PeriodicTask.objects.get_or_create(
        name="Meetings: remind follow-up actions", defaults={"task": TASK, "crontab": seven})


def unschedule(apps, schema_editor):
    apps.get_model("django_celery_beat", "PeriodicTask").objects.filter(task=TASK).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("meetings", "0001_initial"),
        ("django_celery_beat", "0019_alter_periodictasks_options"),
    ]

    operations = [migrations.RunPython(schedule, unschedule)]
