"""History cannot be emptied: TRUNCATE is refused on every history table (PostgreSQL)."""

from django.db import migrations

from organisaties.migratie_operaties import GeenLegen

TABELLEN = [
    "taakstelling_historicaltaakstelling",
    "taakstelling_historicalbijstelling",
    "taakstelling_historicalopeningssaldo",
    "taakstelling_historicalmijlpaal",
    "taakstelling_historicalibtstatus",
    "taakstelling_historicalmaandrapportage",
    "taakstelling_historicalrealisatie",
    "taakstelling_historicalkoppeling",
    "taakstelling_historicalamvcohort",
]


class Migration(migrations.Migration):
    dependencies = [("taakstelling", "0007_openingssaldo_versie_importvoorstel")]
    operations = [GeenLegen(t) for t in TABELLEN]
