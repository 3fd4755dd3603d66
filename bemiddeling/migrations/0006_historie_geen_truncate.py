"""History cannot be emptied: TRUNCATE is refused on every history table (PostgreSQL)."""

from django.db import migrations

from organisaties.migratie_operaties import GeenLegen

TABELLEN = [
    "bemiddeling_historicalaanbod",
    "bemiddeling_historicalverdeelafspraak",
    "bemiddeling_historicalaanbodverwachting",
    "bemiddeling_historicalactieplan",
    "bemiddeling_historicalactie",
    "bemiddeling_historicalplanning",
]


class Migration(migrations.Migration):
    dependencies = [("bemiddeling", "0005_actieplan_per_startdatum")]
    operations = [GeenLegen(t) for t in TABELLEN]
