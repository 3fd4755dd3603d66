import json

from django.core.management.base import BaseCommand, CommandError

from kern import opmaak
from kern.invoer import lees_peildatum
from organisaties.models import Gemeente
from prognose.models import Scenario
from prognose.rekenen import scenario as scenario_regels
from prognose.rekenen.gegevens import prognose_als_dict
from prognose.services import herberekenen_alle, prognose

STATUSTEKEN = {"op koers": "✓", "risico": "!", "niet haalbaar": "✗", "onbekend": "?"}


class Command(BaseCommand):
    # As import_realisatie: the system checks (about a second of CPU) run at every start of
    # the web service and in CI; a recompute an operator or cron runs does not repeat them.
    requires_system_checks = []
    help = (
        "Prognose per mijlpaal (plan, trend, capaciteit, kans) van een gemeente, of met --alle "
        "een herberekening van alle gemeenten die de snapshots bijwerkt."
    )

    def add_arguments(self, parser):
        parser.add_argument("cbs", nargs="?", help="CBS-code, bijvoorbeeld GM0034")
        parser.add_argument("--peildatum", help="JJJJ-MM-DD; standaard waar de cijfers ophouden")
        parser.add_argument("--scenario", help="naam van een opgeslagen scenario; standaard basis")
        parser.add_argument("--format", choices=["json", "tabel"], default="tabel")
        parser.add_argument(
            "--alle", action="store_true", help="alle gemeenten herberekenen (schrijft snapshots)"
        )

    def handle(
        self, *args, cbs=None, peildatum=None, scenario=None, format="tabel", alle=False, **o
    ):
        if alle:
            if cbs or peildatum or scenario:
                raise CommandError(
                    "--alle gaat niet samen met een gemeente, peildatum of scenario."
                )
            uitkomst = herberekenen_alle()
            samenvatting = {
                "gemeenten": uitkomst.gemeenten,
                "snapshots": uitkomst.snapshots,
                "nieuw": uitkomst.nieuw,
                "seconden": round(uitkomst.seconden, 3),
            }
            if format == "json":
                self.stdout.write(json.dumps(samenvatting, indent=2, ensure_ascii=False))
            else:
                self.stdout.write(
                    f"{uitkomst.gemeenten} gemeenten herberekend: {uitkomst.snapshots} snapshots "
                    f"({uitkomst.nieuw} nieuw) in {opmaak.getal(uitkomst.seconden, 2)} s"
                )
            return
        if not cbs:
            raise CommandError("Geef een CBS-code (bijvoorbeeld GM0034) of --alle.")
        gemeente = Gemeente.objects.filter(cbs_code=cbs.upper()).first()
        if gemeente is None:
            raise CommandError(f"Gemeente {cbs} bestaat niet.")
        datum, fout = lees_peildatum(peildatum)
        if fout:
            raise CommandError(fout)
        parameters, naam = None, None
        if scenario and scenario_regels.slug(scenario) != "basis":
            rij = Scenario.objects.filter(
                gemeente=gemeente, slug=scenario_regels.slug(scenario)
            ).first()
            if rij is None:
                namen = ", ".join(
                    [
                        "basis",
                        *Scenario.objects.filter(gemeente=gemeente).values_list("naam", flat=True),
                    ]
                )
                raise CommandError(
                    f"Scenario '{scenario}' bestaat niet voor {gemeente}; kies uit: {namen}."
                )
            parameters, naam = scenario_regels.uit_dict(rij.parameters), rij.naam
        p = prognose(gemeente, peildatum=datum, parameters=parameters, scenario=naam)
        if format == "json":
            self.stdout.write(json.dumps(prognose_als_dict(p), indent=2, ensure_ascii=False))
            return
        self._tabel(p)

    def _tabel(self, p) -> None:
        w = self.stdout.write
        w(
            f"{p.naam} ({p.cbs_code}) — prognose op {opmaak.datum(p.peildatum)}, cijfers t/m "
            f"{p.tot_en_met.naam}; scenario: {p.scenario or 'basis'}"
        )
        w(f"Bezetting {opmaak.bezetting(p.bezetting)} ({p.bezetting_bron})")
        for m in p.mijlpalen:
            w("")
            w(
                f"Mijlpaal {opmaak.datum(m.datum)}: doel {opmaak.getal(m.doel)}, geteld "
                f"{opmaak.getal(m.gerealiseerd)}, nog {opmaak.getal(m.resterend)} personen "
                f"({opmaak.getal(m.benodigde_woningen)} woningen) in {len(m.maanden)} maanden"
            )
            k = m.kans
            if k.waarde is not None:
                w(
                    f"  kans {opmaak.procent(k.waarde)} (P10–P90: {opmaak.getal(k.p10)}–"
                    f"{opmaak.getal(k.p90)} personen; {k.grondslag})"
                )
            else:
                w(f"  kans onbekend: {k.toelichting}")
            if m.voorlopig:
                w(f"  voorlopig: {m.voorlopig_tekst}")
            if m.oordeel is not None:
                w(f"  oordeel: {STATUSTEKEN.get(m.oordeel.status, '?')} {m.oordeel.status}")
                w(f"      {m.oordeel.reden}")
            for v in m.voorspellingen:
                w(
                    f"  {STATUSTEKEN.get(v.status, '?')} {v.methode:<10} "
                    f"{v.personen_tekst:>6}  "
                    f"{v.verschil_tekst:>6}  {v.status}"
                )
                w(f"      {v.reden}")
        if p.signalen:
            w("")
            w("Signalen:")
            for s in p.signalen:
                w(f"  [{s.ernst}] {s.tekst}")
