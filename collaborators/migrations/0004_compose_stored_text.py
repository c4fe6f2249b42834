"""Names and notes stored before every write path composed its text (NFC) are composed
now, so that a name typed on a Mac exports, matches and sorts as the same name typed
on Windows. Only rows that change are written; history rows are left as they were."""

import unicodedata

from django.db import migrations, models

MODELS = ("Collaborator", "Training", "OpinionReport", "OpinionReportComment", "ImportBatch")


def compose(apps, schema_editor):
    for name in MODELS:
        model = apps.get_model("collaborators", name)
        fields = [f.attname for f in model._meta.concrete_fields
                  if isinstance(f, (models.CharField, models.TextField)) and not f.choices]
        changed = []
        for row in model.objects.only("pk", *fields).iterator(chunk_size=1000):
            before = [getattr(row, f) for f in fields]
            for field, value in zip(fields, before, strict=True):
                if isinstance(value, str) and not value.isascii():
                    setattr(row, field, unicodedata.normalize("NFC", value))
            if [getattr(row, f) for f in fields] != before:
                changed.append(row)
        model.objects.bulk_update(changed, fields, batch_size=500)


class Migration(migrations.Migration):
    dependencies = [("collaborators", "0003_import_rejected_rows")]

    operations = [migrations.RunPython(compose, migrations.RunPython.noop, elidable=True)]
