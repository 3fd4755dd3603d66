import json

from django.core.management.base import BaseCommand, CommandError

from kern import opmaak
from kern.invoer import lees_peildatum
from organisaties.models import Gemeente
from rapportage.selectors.stand import positie, positie_als_dict
from taakstelling.selectors import standaard_peildatum


class Command(BaseCommand):
    help = "Toont de stand van een gemeente op een peildatum (cijfers van afgelopen maanden)."

    def add_arguments(self, parser):
        parser.add_argument("cbs", help="CBS-code, bijvoorbeeld GM0034")
        parser.add_argument("--peildatum", help="JJJJ-MM-DD; standaard waar de cijfers ophouden")
        parser.add_argument("--format", choices=["json", "tabel"], default="tabel")

    def handle(self, *args, cbs, peildatum=None, format="tabel", **options):
        gemeente = Gemeente.objects.filter(cbs_code=cbs.upper()).first()
        if gemeente is None:
            raise CommandError(f"Gemeente {cbs} bestaat niet.")
        datum, fout = lees_peildatum(peildatum)
        if fout:
            raise CommandError(fout)
        p = positie(gemeente, datum or standaard_peildatum(gemeente))
        if format == "json":
            self.stdout.write(json.dumps(positie_als_dict(p), indent=2, ensure_ascii=False))
            return
        self._tabel(p)

    def _tabel(self, p) -> None:
        s = p.stand
        w = self.stdout.write
        w(
            f"{p.gemeente.naam} ({p.gemeente.cbs_code}) — stand op {opmaak.datum(p.peildatum)}, "
            f"cijfers t/m {s.tot_en_met.naam}"
        )
        w(
            f"Gerealiseerd: {opmaak.getal(s.totalen.personen_gehuisvest)} personen gehuisvest, "
            f"{opmaak.getal(s.totalen.personen_tellend)} tellend, "
            f"{opmaak.getal(s.totalen.woningen)} woningen"
        )
        if s.ontbrekende_maanden:
            w("Ontbrekende maanden: " + ", ".join(m.naam for m in s.ontbrekende_maanden))
        w(f"Bezetting {opmaak.bezetting(p.bezetting)} ({p.bezetting_bron})")
        kop = ("mijlpaal", "doel", "geteld", "resterend", "woningen nodig")
        w("  ".join(k.rjust(14) for k in kop))
        for m in s.mijlpalen:
            rij = (
                opmaak.datum(m.mijlpaal.datum),
                opmaak.getal(m.mijlpaal.doel),
                opmaak.getal(m.gerealiseerd),
                opmaak.getal(m.resterend),
                opmaak.getal(m.benodigde_woningen),
            )
            w("  ".join(str(x).rjust(14) for x in rij))
