"""History cannot be emptied: TRUNCATE is refused on every history table (PostgreSQL)."""

from django.db import migrations

from organisaties.migratie_operaties import GeenLegen

TABELLEN = [
    "rapportage_historicalscenario",
]


class Migration(migrations.Migration):
    dependencies = [("prognose", "0001_initial")]
    operations = [GeenLegen(t) for t in TABELLEN]
