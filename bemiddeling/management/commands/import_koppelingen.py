"""manage.py import_koppelingen BESTAND --gemeente CBS --gebruiker NAAM [--dry-run]"""

from pathlib import Path

from django.core.exceptions import PermissionDenied
from django.core.management.base import BaseCommand, CommandError

from bemiddeling.huishoudens.importeren import (
    KOLOMMEN,
    koppelingen_importeren,
    lees_koppelingen,
)
from organisaties.models import Gemeente, User
from taakstelling.services.importeren import MAX_BYTES, Importfouten


class Command(BaseCommand):
    requires_system_checks = []
    help = (
        "Importeert koppelingen van COA (CSV of .xlsx, kolommen "
        + ",".join(KOLOMMEN)
        + ") als huishoudens van een gemeente: alles of niets; een bekend huishouden "
        "blijft zoals het is."
    )

    def add_arguments(self, parser):
        parser.add_argument("bestand", help="pad naar een .csv- of .xlsx-bestand")
        parser.add_argument("--gemeente", required=True, help="CBS-code, bijvoorbeeld GM0034")
        parser.add_argument("--gebruiker", required=True, help="gebruikersnaam; diens rechten")
        parser.add_argument("--dry-run", action="store_true", help="alleen controleren")

    def handle(self, *args, bestand, gemeente, gebruiker, dry_run=False, **options):
        door = User.objects.filter(username=gebruiker, is_active=True).first()
        if door is None:
            raise CommandError(f"Gebruiker '{gebruiker}' bestaat niet of is niet actief.")
        g = Gemeente.objects.filter(cbs_code=gemeente.upper()).first()
        if g is None:
            raise CommandError(f"Gemeente '{gemeente}' bestaat niet.")
        pad = Path(bestand)
        if not pad.is_file():
            raise CommandError(f"Bestand '{bestand}' bestaat niet.")
        if pad.stat().st_size > MAX_BYTES:
            raise CommandError(f"{pad.name} is te groot; er is niets opgeslagen.")
        try:
            uitkomst = koppelingen_importeren(
                gemeente=g,
                regels=lees_koppelingen(pad.name, pad.read_bytes()),
                door=door,
                droog=dry_run,
            )
        except Importfouten as e:
            for fout in e.fouten:
                self.stderr.write(str(fout))
            raise CommandError(
                f"{len(e.fouten)} fout(en) in {pad.name}; er is niets opgeslagen."
            ) from None
        except PermissionDenied:
            raise CommandError(
                f"{door.username} mag de huishoudens van {g.naam} niet wijzigen."
            ) from None
        nieuw = len(uitkomst.nieuw)
        if dry_run:
            self.stdout.write(f"Proef: het bestand is in orde; {uitkomst.al_bekend} al bekend.")
        else:
            self.stdout.write(
                f"{nieuw} huishouden(s) toegevoegd, {uitkomst.al_bekend} al bekend (ongewijzigd)."
            )
