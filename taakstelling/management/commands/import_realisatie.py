"""manage.py import_realisatie BESTAND --gebruiker USERNAME [--dry-run] [--reden TEKST]"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from kern import opmaak
from organisaties.models import User
from taakstelling.services.importeren import (
    MAX_BYTES,
    Importfouten,
    lees_bestand,
    realisatie_importeren,
)
from taakstelling.services.realisatie import Invoerfout


class Command(BaseCommand):
    # The system checks (0.85 s on the benchmark machine, a fifth of an import of 10,000 rows)
    # run at every start of the web service and in CI (``check --deploy``); a batch import
    # that an operator may run many times does not repeat them.
    requires_system_checks = []
    help = (
        "Importeert maandcijfers (CSV of .xlsx, kolommen gemeente,maand,bron,corporatie,"
        "personen_gehuisvest,personen_tellend,woningen) als deze gebruiker: alles of niets."
    )

    def add_arguments(self, parser):
        parser.add_argument("bestand", help="pad naar een .csv- of .xlsx-bestand")
        parser.add_argument(
            "--gebruiker", required=True, help="gebruikersnaam; diens rechten gelden"
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="alleen controleren, niets opslaan"
        )
        parser.add_argument(
            "--reden",
            default="",
            help="verplicht als het bestand maanden ouder dan de vorige "
            "maand wijzigt; komt in de wijzigingshistorie",
        )

    def handle(self, *args, bestand, gebruiker, dry_run=False, reden="", **options):
        door = User.objects.filter(username=gebruiker, is_active=True).first()
        if door is None:
            raise CommandError(f"Gebruiker '{gebruiker}' bestaat niet of is niet actief.")
        pad = Path(bestand)
        if not pad.is_file():
            raise CommandError(f"Bestand '{bestand}' bestaat niet.")
        if pad.stat().st_size > MAX_BYTES:  # refused before it is read into memory
            raise CommandError(
                f"{pad.name} is groter dan {MAX_BYTES // (1024 * 1024)} MB; er is niets opgeslagen."
            )
        try:
            regels = lees_bestand(pad.name, pad.read_bytes())
            plan = realisatie_importeren(
                regels=regels, door=door, bestandsnaam=pad.name, reden=reden, droog=dry_run
            )
        except Importfouten as e:
            for fout in e.fouten:
                self.stderr.write(str(fout))
            raise CommandError(
                f"{pad.name} is geweigerd: {opmaak.aantal(len(e.fouten), 'fout', 'fouten')}; "
                "er is niets opgeslagen."
            ) from None
        except Invoerfout as e:
            raise CommandError(" ".join(e.fouten.values()) + " Geef die met --reden.") from None
        a = plan.aantallen
        wat = "Gecontroleerd (dry-run, niets opgeslagen)" if dry_run else "Geïmporteerd"
        self.stdout.write(
            f"{wat}: {pad.name}, {len(plan.regels)} regels: {a['nieuw']} nieuw, "
            f"{a['gewijzigd']} gewijzigd, {a['ongewijzigd']} ongewijzigd; "
            f"{opmaak.aantal(len(plan.nieuwe_maanden), 'maand', 'maanden')} voor het eerst "
            "ingevuld."
        )
