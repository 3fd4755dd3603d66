"""Sources cited the old way ("seed 000 r. 78") become a document with its paragraph.

Separate from the schema change: PostgreSQL builds that migration's indexes at its end, which it
refuses on tables this data step has just written to."""

from django.db import migrations

from organisaties.migratie_operaties import bronnen_omzetten


class Migration(migrations.Migration):
    dependencies = [("bemiddeling", "0008_brondocument")]
    operations = [
        migrations.RunPython(
            bronnen_omzetten("bemiddeling", "Verdeelafspraak", "Aanbodverwachting", "Actieplan"),
            migrations.RunPython.noop,
        ),
    ]
