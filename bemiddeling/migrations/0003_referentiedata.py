"""The catalogue of actions (bemiddeling/referentie.py)."""

from django.db import migrations

from bemiddeling.referentie import laad_actietypen


def vooruit(apps, schema_editor):
    laad_actietypen(apps.get_model("bemiddeling", "ActieType"))


class Migration(migrations.Migration):
    dependencies = [("bemiddeling", "0002_initial"), ("taakstelling", "0002_referentiedata")]
    operations = [migrations.RunPython(vooruit, migrations.RunPython.noop)]
