"""manage.py genereer_landelijk --gemeenten 342 --jaren 10 [--seed N] [--tot JJJJ-MM] [--vervang]

A reproducible synthetic country (demo/landelijk.py) for benchmarks and load tests.
"""

import time

from django.core.management.base import BaseCommand, CommandError

from demo import landelijk
from kern.perioden import Maand
from prognose.services import herberekenen_gemeenten


class Command(BaseCommand):
    help = (
        "Schrijft een synthetisch land (12 provincies, fictieve gemeenten GM8001 en verder, "
        "alles illustratief) in de database: taakstelling, realisatie per maand en bron, "
        "aanbod, plannen, toezicht. Dezelfde --seed geeft dezelfde cijfers."
    )

    def add_arguments(self, parser):
        parser.add_argument("--gemeenten", type=int, default=342, help="aantal (1-999)")
        parser.add_argument("--jaren", type=int, default=10, help="jaren maandcijfers (1-20)")
        parser.add_argument("--seed", type=int, default=1, help="startwaarde van het toeval")
        parser.add_argument(
            "--tot",
            default=str(landelijk.STANDAARD_TOT),
            help=f"laatste maand met cijfers, JJJJ-MM (standaard {landelijk.STANDAARD_TOT})",
        )
        parser.add_argument(
            "--vervang",
            action="store_true",
            help="eerder gegenereerde synthetische gegevens eerst verwijderen",
        )
        parser.add_argument(
            "--zonder-prognose",
            action="store_true",
            help="geen snapshots berekenen (dat doet later manage.py prognose --alle)",
        )

    def handle(self, *args, gemeenten, jaren, seed, tot, vervang, zonder_prognose, **options):
        try:
            maand = Maand.parse(tot)
        except ValueError as e:
            raise CommandError(str(e)) from None
        try:
            uitkomst = landelijk.genereer_en_schrijf(
                gemeenten=gemeenten, jaren=jaren, seed=seed, tot=maand, vervang=vervang
            )
        except (ValueError, landelijk.BestaatAl) as e:
            raise CommandError(str(e)) from None
        land = uitkomst.land
        w = self.stdout.write
        w(
            f"{len(land.gemeenten)} gemeenten in {len(land.provincies)} provincies, "
            f"{land.eerste_maand}–{land.tot} (seed {seed}):"
        )
        for tabel, n in uitkomst.rijen.items():
            w(f"  {tabel:<17} {n:>9,}".replace(",", "."))
        w(
            f"  genereren {uitkomst.genereren:.1f} s, "
            f"schrijven (met historie) {uitkomst.schrijven:.1f} s"
        )
        if not zonder_prognose:
            begin = time.perf_counter()
            ids = list(landelijk.synthetische_gemeenten().values_list("pk", flat=True))
            snapshots = herberekenen_gemeenten(ids)
            w(f"  prognose: {len(snapshots)} snapshots in {time.perf_counter() - begin:.1f} s")
        w(f"vingerafdruk {land.vingerafdruk()}")
