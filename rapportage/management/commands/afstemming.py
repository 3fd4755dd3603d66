"""manage.py afstemming CBS [--halfjaar JJJJ-H1] [--peildatum JJJJ-MM-DD] [--format json|tabel]"""

import json

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from kern import opmaak
from kern.invoer import lees_peildatum
from kern.perioden import Halfjaar
from organisaties.models import Gemeente
from rapportage.selectors import afstemming as selector


class Command(BaseCommand):
    help = (
        "Zet de eigen telling van een gemeente, de toewijzingen van de corporaties en de "
        "telling van het COA naast elkaar, per maand en halfjaar, met de waarschijnlijke oorzaak "
        "van elk verschil."
    )

    def add_arguments(self, parser):
        parser.add_argument("cbs", help="CBS-code, bijvoorbeeld GM0034")
        parser.add_argument(
            "--halfjaar", help="JJJJ-H1 of JJJJ-H2; standaard dat van de laatst ingevulde maand"
        )
        parser.add_argument(
            "--peildatum",
            help="JJJJ-MM-DD: de cijfers zoals ze er op die dag voor stonden (COA-overzichten "
            "tot en met die dag; zonder --halfjaar het halfjaar van de laatste afgelopen maand)",
        )
        parser.add_argument("--format", choices=["json", "tabel"], default="tabel")

    def handle(self, *args, cbs, halfjaar=None, peildatum=None, format="tabel", **options):
        gemeente = Gemeente.objects.filter(cbs_code=cbs.upper()).first()
        if gemeente is None:
            raise CommandError(f"Gemeente {cbs} bestaat niet.")
        try:
            h = Halfjaar.lees(halfjaar) if halfjaar else None
        except ValueError as e:
            raise CommandError(str(e)) from None
        op, fout = lees_peildatum(peildatum)
        if fout:
            raise CommandError(fout)
        if h is None and op is not None:
            h = selector.halfjaar_op(op)
        h = h or selector.standaard_halfjaar(gemeente, timezone.localdate())
        # On the command line households are counted, never named (no user to log the view).
        regels = selector.zonder_sleutels(selector.afstemmen(gemeente, h, op=op))
        if format == "json":
            self.stdout.write(
                json.dumps(selector.als_dict(gemeente, h, regels), indent=2, ensure_ascii=False)
            )
            return
        self.stdout.write(f"{gemeente.naam} ({gemeente.cbs_code}), {h.naam}")
        for r in regels:
            for v in r.verschillen:
                cijfers = " / ".join(
                    "–" if x is None else opmaak.getal(x) for x in (v.eigen, v.ander)
                )
                self.stdout.write(f"{r.naam:>20}  {v.tussen} ({v.eenheid}): {cijfers}; {v.oorzaak}")
                if v.huishoudens:
                    self.stdout.write(f"{'':>20}  huishoudens: {', '.join(v.huishoudens)}")
