"""manage.py import_coa BESTAND --gebruiker NAAM [--illustratief] [--dry-run]"""

from django.core.management.base import BaseCommand

from taakstelling.management.commands.import_bevolking import bestand, gebruiker, uitvoeren
from taakstelling.officieel.services import COA_KOLOMMEN, coa_importeren
from taakstelling.services.importeren import lees_bestand


class Command(BaseCommand):
    requires_system_checks = []
    help = (
        "Importeert het periodieke overzicht van het COA per gemeente (kolommen "
        + ",".join(COA_KOLOMMEN)
        + "; CSV of .xlsx): alles of niets, per publicatiedatum."
    )

    def add_arguments(self, parser):
        parser.add_argument("bestand")
        parser.add_argument("--gebruiker", required=True, help="een beheerder")
        parser.add_argument("--illustratief", action="store_true", help="verzonnen cijfers")
        parser.add_argument("--dry-run", action="store_true", help="alleen controleren")

    def handle(self, *args, **o):
        door = gebruiker(o["gebruiker"])
        pad = bestand(o["bestand"])
        uitvoeren(
            self,
            pad,
            lambda: coa_importeren(
                regels=lees_bestand(pad.name, pad.read_bytes(), COA_KOLOMMEN),
                door=door,
                bestandsnaam=pad.name,
                illustratief=o["illustratief"],
                droog=o["dry_run"],
            ),
        )
