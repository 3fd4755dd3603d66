from django.db import migrations

from organisaties.migratie_operaties import AlleenToevoegen

TABELLEN = [
    "taakstelling_historicaltaakstelling",
    "taakstelling_historicalbijstelling",
    "taakstelling_historicalopeningssaldo",
    "taakstelling_historicalmijlpaal",
    "taakstelling_historicalibtstatus",
    "taakstelling_historicalmaandrapportage",
    "taakstelling_historicalrealisatie",
    "taakstelling_historicalkoppeling",
]


class Migration(migrations.Migration):
    dependencies = [("taakstelling", "0002_referentiedata")]
    operations = [AlleenToevoegen(t) for t in TABELLEN]
