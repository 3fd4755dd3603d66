"""manage.py import_bevolking BESTAND --gebruiker NAAM [--bron T] [--illustratief] [--dry-run]"""

from pathlib import Path

from django.core.exceptions import PermissionDenied
from django.core.management.base import BaseCommand, CommandError

from organisaties.models import User
from taakstelling.officieel.services import BEVOLKING_KOLOMMEN, bevolking_importeren
from taakstelling.services.importeren import MAX_BYTES, Importfouten, lees_bestand


def gebruiker(naam: str) -> User:
    door = User.objects.filter(username=naam, is_active=True).first()
    if door is None:
        raise CommandError(f"Gebruiker '{naam}' bestaat niet of is niet actief.")
    return door


def bestand(pad_tekst: str) -> Path:
    pad = Path(pad_tekst)
    if not pad.is_file():
        raise CommandError(f"Bestand '{pad_tekst}' bestaat niet.")
    if pad.stat().st_size > MAX_BYTES:
        raise CommandError(
            f"{pad.name} is groter dan {MAX_BYTES // (1024 * 1024)} MB; er is niets opgeslagen."
        )
    return pad


def uitvoeren(command: BaseCommand, pad: Path, doe) -> None:
    """Run an import; every bad row to stderr and exit code 1 when the file is refused."""
    try:
        uitkomst = doe()
    except Importfouten as e:
        for fout in e.fouten:
            command.stderr.write(str(fout))
        raise CommandError(
            f"{pad.name} is geweigerd: {len(e.fouten)} fout(en); er is niets opgeslagen."
        ) from None
    except PermissionDenied as e:
        raise CommandError(str(e)) from None
    command.stdout.write(f"{pad.name}: {uitkomst}.")


class Command(BaseCommand):
    requires_system_checks = []
    help = (
        "Importeert het aantal inwoners op 1 januari per gemeente (CBS StatLine: kolommen "
        "RegioS, Perioden, BevolkingOp1Januari_1; CSV of .xlsx): alles of niets."
    )

    def add_arguments(self, parser):
        parser.add_argument("bestand")
        parser.add_argument("--gebruiker", required=True, help="een beheerder")
        parser.add_argument("--bron", default="", help="bijvoorbeeld 'CBS StatLine 03759ned'")
        parser.add_argument("--illustratief", action="store_true", help="verzonnen cijfers")
        parser.add_argument("--dry-run", action="store_true", help="alleen controleren")

    def handle(self, *args, **o):
        door = gebruiker(o["gebruiker"])
        pad = bestand(o["bestand"])
        uitvoeren(
            self,
            pad,
            lambda: bevolking_importeren(
                regels=lees_bestand(pad.name, pad.read_bytes(), BEVOLKING_KOLOMMEN),
                door=door,
                bestandsnaam=pad.name,
                bron=o["bron"],
                illustratief=o["illustratief"],
                droog=o["dry_run"],
            ),
        )
