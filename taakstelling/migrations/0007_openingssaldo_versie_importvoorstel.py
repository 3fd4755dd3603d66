import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models

from organisaties.migratie_operaties import AlleenToevoegen


class Migration(migrations.Migration):
    dependencies = [
        ("organisaties", "0002_api_token"),
        ("taakstelling", "0006_amv_illustratief"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name="historicalopeningssaldo",
            name="versie",
            field=models.PositiveIntegerField(default=1),
        ),
        migrations.AddField(
            model_name="openingssaldo",
            name="versie",
            field=models.PositiveIntegerField(default=1),
        ),
        # SQLite rebuilds a table to add a column, which drops its triggers: the history of
        # the opening saldo stays append-only. The pending import has no history: it is not
        # a figure.
        AlleenToevoegen("taakstelling_historicalopeningssaldo"),
        migrations.CreateModel(
            name="ImportVoorstel",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("token", models.CharField(max_length=64, unique=True)),
                ("bestandsnaam", models.CharField(max_length=200)),
                ("inhoud", models.BinaryField(help_text="Het bestand, met zlib gecomprimeerd.")),
                ("aangemaakt", models.DateTimeField(default=django.utils.timezone.now)),
                (
                    "door",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "gemeente",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="+",
                        to="organisaties.gemeente",
                    ),
                ),
            ],
            options={
                "verbose_name": "importvoorstel",
                "verbose_name_plural": "importvoorstellen",
                "indexes": [models.Index(fields=["aangemaakt"], name="importvoorstel_aangemaakt")],
            },
        ),
    ]
