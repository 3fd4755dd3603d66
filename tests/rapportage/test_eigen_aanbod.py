"""A corporatie sees only its own supply rows and expectations (issue 'Beveiliging'):
in the audit trail, on the meeting page and in its exports, and in the signals. The gemeente's
own figures (realisation, capacity as a total) stay visible."""

from dataclasses import replace
from datetime import date
from io import BytesIO

import pytest
from django.utils import timezone
from openpyxl import load_workbook

from bemiddeling.models import Aanbodverwachting
from organisaties.wijzigen import opslaan
from prognose.rekenen.gegevens import Prognose, Signaal
from rapportage import selectors as queries
from rapportage.selectors import overleg as overleg_selectors
from rapportage.selectors import wijzigingen as historie

WIJZIGINGEN = "/gemeenten/GM0034/wijzigingen/?maand=2023-01"


def _verwachting_wijzigen(demo, slug: str, reden: str) -> None:
    v = Aanbodverwachting.objects.get(gemeente=demo.almere, corporatie__slug=slug)
    v.mutaties_per_maand += 1
    opslaan(v, door=demo.user("beheerder"), reden=reden)


def _overleg(demo, persona: str, formaat: str | None = None) -> str:
    url = f"/gemeenten/GM0034/overleg/?datum={timezone.localdate().isoformat()}"
    antwoord = demo.client(persona).get(url + (f"&formaat={formaat}" if formaat else ""))
    assert antwoord.status_code == 200
    if formaat == "xlsx":
        werkmap = load_workbook(BytesIO(antwoord.content))
        return "\n".join(
            " ".join(str(c) for c in rij if c is not None)
            for blad in werkmap.worksheets
            for rij in blad.iter_rows(values_only=True)
        )
    return antwoord.content.decode()


def test_the_audit_trail_of_a_corporatie_holds_only_its_own_expectations(demo):
    ymere = demo.client("corporatie_a").get(WIJZIGINGEN).content.decode()
    assert "Aanbodverwachting Ymere" in ymere
    assert "Aanbodverwachting GoedeStede" not in ymere and "33,00" not in ymere
    assert "Aanbodverwachting De Alliantie" not in ymere and "25,00" not in ymere
    taskforce = demo.client("taskforce_a").get(WIJZIGINGEN).content.decode()
    assert "Aanbodverwachting GoedeStede" in taskforce and "33,00" in taskforce


@pytest.mark.parametrize("formaat", [None, "csv", "xlsx"])
def test_the_meeting_page_and_exports_hold_only_the_own_expectations(demo, formaat):
    _verwachting_wijzigen(demo, "goedestede", "GoedeStede verwacht meer")
    _verwachting_wijzigen(demo, "ymere", "Ymere verwacht meer")
    ymere = _overleg(demo, "corporatie_a", formaat)
    assert "Ymere verwacht meer" in ymere
    assert "GoedeStede verwacht meer" not in ymere
    assert "Aanbodverwachting GoedeStede" not in ymere
    assert "Aanbodverwachting De Alliantie" not in ymere
    assert "GoedeStede verwacht meer" in _overleg(demo, "taskforce_a", formaat)


def test_the_selectors_scope_by_the_user_not_by_the_caller(demo):
    """Whoever calls the selectors gets the user's scope: there is no unscoped default."""
    ymere, taskforce = demo.user("corporatie_a"), demo.user("taskforce_a")
    tot = timezone.localdate()

    def wat(pagina):
        return {w.wat for w in pagina}

    eigen = wat(historie.wijzigingen(demo.almere, ymere, historie.Filter(), 1, 500).wijzigingen)
    alles = wat(historie.wijzigingen(demo.almere, taskforce, historie.Filter(), 1, 500).wijzigingen)
    assert "Aanbodverwachting GoedeStede, 1 jan 2023" in alles - eigen
    assert "Aanbodverwachting Ymere, 1 jan 2023" in eigen
    tussen = overleg_selectors.wijzigingen_tussen(demo.almere, ymere, None, tot, limiet=1000)
    assert "Aanbodverwachting GoedeStede, 1 jan 2023" not in wat(tussen.regels)


def test_signals_about_another_corporaties_supply_are_not_shown_to_a_corporatie(demo):
    gegevens = queries.gemeentegegevens(demo.almere, date(2023, 6, 1), demo.user("corporatie_a"))
    p: Prognose = gegevens.voorspelling.prognose
    eigen = Signaal(
        "aanbod_ontbreekt", "waarschuwing", "Corporatie Ymere: ...", None, None, "ymere"
    )
    ander = Signaal(
        "aanbod_ontbreekt", "waarschuwing", "Corporatie GoedeStede: ...", None, None, "goedestede"
    )
    algemeen = Signaal("pm", "info", "Pro memorie", None, None)
    met = replace(p, signalen=(eigen, ander, algemeen))
    for persona, verwacht in (
        ("corporatie_a", (eigen, algemeen)),
        ("taskforce_a", (eigen, ander, algemeen)),
    ):
        assert queries.zichtbare_signalen(met, demo.user(persona), demo.almere).signalen == verwacht
