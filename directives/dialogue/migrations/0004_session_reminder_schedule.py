"""Remind, once a day at 07:00, of dialogue agendas to send, summaries to publish and
commitments due or overdue (see directives.dialogue.sessions.tasks); an ordinary
django-celery-beat entry, editable in the admin."""

from django.db import migrations

TASK = "dialogue.session_reminders"


def schedule(apps, schema_editor):
    CrontabSchedule = apps.get_model("django_celery_beat", "CrontabSchedule")
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    daily, _ = CrontabSchedule.objects.get_or_create(
        minute="0", hour="7", day_of_month="*", month_of_year="*", day_of_week="*",
        timezone="Asia/Ho_Chi_Minh")
    PeriodicTask.objects.get_or_create(
        name="Dialogue sessions: agendas, summaries and commitments",
        defaults={"task": TASK, "crontab": daily})


def unschedule(apps, schema_editor):
    apps.get_model("django_celery_beat", "PeriodicTask").objects.filter(task=TASK).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("dialogue", "0003_case_reminder_schedule"),
        ("django_celery_beat", "0019_alter_periodictasks_options"),
    ]

    operations = [migrations.RunPython(schedule, unschedule)]
