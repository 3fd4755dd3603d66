from django.db import migrations

from organisaties.migratie_operaties import AlleenToevoegen


class Migration(migrations.Migration):
    dependencies = [("rapportage", "0001_prognose")]
    operations = [AlleenToevoegen("rapportage_historicalscenario")]
