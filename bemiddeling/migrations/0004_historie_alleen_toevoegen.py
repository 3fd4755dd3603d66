from django.db import migrations

from organisaties.migratie_operaties import AlleenToevoegen

TABELLEN = [
    "bemiddeling_historicalaanbod",
    "bemiddeling_historicalverdeelafspraak",
    "bemiddeling_historicalaanbodverwachting",
    "bemiddeling_historicalactieplan",
    "bemiddeling_historicalactie",
    "bemiddeling_historicalplanning",
]


class Migration(migrations.Migration):
    dependencies = [("bemiddeling", "0003_referentiedata")]
    operations = [AlleenToevoegen(t) for t in TABELLEN]
