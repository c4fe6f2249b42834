"""Once a day: at 06:30 open the new period's rows of recurring tasks, at 07:00 remind the
units' officers of tasks due soon or overdue (see directives.tasks); ordinary
django-celery-beat entries, editable in the admin."""

from django.db import migrations

TASKS = {
    "directives.open_periods": ("Directives: open the period's task progress", "30", "6"),
    "directives.send_reminders": ("Directives: remind of tasks due soon or overdue", "0", "7"),
}


def schedule(apps, schema_editor):
    CrontabSchedule = apps.get_model("django_celery_beat", "CrontabSchedule")
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    for task, (name, minute, hour) in TASKS.items():
        daily, _ = CrontabSchedule.objects.get_or_create(
            minute=minute, hour=hour, day_of_month="*", month_of_year="*", day_of_week="*",
            timezone="Asia/Ho_Chi_Minh")
        PeriodicTask.objects.get_or_create(name=name, defaults={"task": task,
                                                                "crontab": daily})


def unschedule(apps, schema_editor):
    apps.get_model("django_celery_beat", "PeriodicTask").objects.filter(
        task__in=list(TASKS)).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("directives", "0001_initial"),
        ("django_celery_beat", "0019_alter_periodictasks_options"),
    ]

    operations = [migrations.RunPython(schedule, unschedule)]
