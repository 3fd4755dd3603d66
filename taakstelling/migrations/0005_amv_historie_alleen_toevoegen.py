from django.db import migrations

from organisaties.migratie_operaties import AlleenToevoegen


class Migration(migrations.Migration):
    dependencies = [("taakstelling", "0004_amv_cohort")]
    operations = [AlleenToevoegen("taakstelling_historicalamvcohort")]
