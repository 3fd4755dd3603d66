"""manage.py pijplijn CBS [--peildatum D] [--format json|tabel]: the household pipeline in
counts (no households), the same JSON as the API (/api/v1/gemeenten/<cbs>/huishoudens)."""

import json

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from bemiddeling.huishoudens.selectors import samenvatting
from kern import huishoudens as HH
from kern.invoer import lees_peildatum
from organisaties.models import Gemeente


class Command(BaseCommand):
    help = "Toont de pijplijn van huishoudens van een gemeente in aantallen, op een peildatum."

    def add_arguments(self, parser):
        parser.add_argument("cbs", help="CBS-code, bijvoorbeeld GM0034")
        parser.add_argument("--peildatum", help="JJJJ-MM-DD; standaard vandaag")
        parser.add_argument("--format", choices=["json", "tabel"], default="tabel")

    def handle(self, *args, cbs, peildatum=None, format="tabel", **options):
        gemeente = Gemeente.objects.filter(cbs_code=cbs.upper()).first()
        if gemeente is None:
            raise CommandError(f"Gemeente {cbs} bestaat niet.")
        datum, fout = lees_peildatum(peildatum)
        if fout:
            raise CommandError(fout)
        s = samenvatting(gemeente, datum or timezone.localdate())
        if format == "json":
            self.stdout.write(json.dumps(s, indent=2, ensure_ascii=False))
            return
        w = self.stdout.write
        w(f"{gemeente.naam} ({gemeente.cbs_code}) — huishoudens op {s['peildatum']}")
        for code, aantal in s["per_status"].items():
            w(f"  {HH.STATUS_LABELS[HH.Status(code)]:<25}{aantal:>6}")
        w(f"  Voorbij 10 weken zonder huurcontract: {s['voorbij_norm']['huurcontract_10_weken']}")
        w(f"  Voorbij 12 weken niet verhuisd:       {s['voorbij_norm']['verhuizing_12_weken']}")
        w("Wachtend naar grootte (met verwachte nareizigers):")
        for klasse, aantal in s["wachtend_per_grootte"].items():
            w(f"  {HH.GROOTTEKLASSE_LABELS[klasse]:<25}{aantal:>6}")
        w("Verhuisd per maand (personen, woningen):")
        for rij in s["verhuisd_per_maand"]:
            w(f"  {rij['maand']}  {rij['personen']:>5}  {rij['woningen']:>5}")
