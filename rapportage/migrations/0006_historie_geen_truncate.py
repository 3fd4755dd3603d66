"""History cannot be emptied: TRUNCATE is refused on every history table (PostgreSQL)."""

from django.db import migrations

from organisaties.migratie_operaties import GeenLegen

TABELLEN = [
    "rapportage_historicaloverleg",
    "rapportage_historicalbesluit",
]


class Migration(migrations.Migration):
    dependencies = [("rapportage", "0005_prognose_naar_eigen_app")]
    operations = [GeenLegen(t) for t in TABELLEN]
