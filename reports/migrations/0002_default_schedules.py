from django.db import migrations


def install(apps, schema_editor):
    from reports.schedules import install as install_defaults

    install_defaults(apps.get_model("django_celery_beat", "PeriodicTask"),
                     apps.get_model("django_celery_beat", "CrontabSchedule"))


class Migration(migrations.Migration):
    dependencies = [
        ("reports", "0001_initial"),
        ("django_celery_beat", "0019_alter_periodictasks_options"),
    ]

    operations = [migrations.RunPython(install, migrations.RunPython.noop)]
