"""Sources of realisation and how they count (taakstelling/referentie.py)."""

from django.db import migrations

from taakstelling.referentie import laad_bronnen


def vooruit(apps, schema_editor):
    laad_bronnen(apps.get_model("taakstelling", "Bron"), apps.get_model("taakstelling", "Telregel"))


class Migration(migrations.Migration):
    dependencies = [("taakstelling", "0001_initial")]
    operations = [migrations.RunPython(vooruit, migrations.RunPython.noop)]
