"""The demo: Almere 2023 and Steenwijkerland 2024 from the seeds, plus illustrative gemeenten.

Figures from a source are read from ``fixtures/seed-data/`` and stored with
``illustratief=False`` and their document and paragraph (``kern.bronnen``). Everything the
seeds do not give is defined below, stored with ``illustratief=True`` and marked so in the
interface. Loading is idempotent: a row is only written when it differs, so a second run adds
no history.
"""

import csv
import secrets
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path

from django.conf import settings
from django.db import transaction

from bemiddeling.models import (
    Aanbod,
    Aanbodverwachting,
    Actie,
    Actieplan,
    ActieType,
    Planning,
    Verdeelafspraak,
)
from bemiddeling.referentie import laad_actietypen
from demo import heden, officieel
from demo.huishoudens import laad_huishoudens_almere
from kern.bronnen import ADDENDUM_STEENWIJKERLAND, DOCUMENTEN, PVA_ALMERE, Document
from kern.perioden import Maand
from organisaties.models import (
    Brondocument,
    Corporatie,
    Gemeente,
    Lidmaatschap,
    Provincie,
    Rol,
    User,
    Werkgebied,
)
from prognose.models import Scenario
from prognose.rekenen.scenario import slug as scenario_slug
from taakstelling.models import (
    AmvCohort,
    Bron,
    IbtStatus,
    Koppeling,
    Maandrapportage,
    Mijlpaal,
    Openingssaldo,
    Realisatie,
    Taakstelling,
    Telregel,
    Trede,
)
from taakstelling.referentie import laad_bronnen

SEED_DATA = Path(settings.BASE_DIR) / "fixtures" / "seed-data"
REDEN = "Demogegevens geladen"
ILL = "illustratief (demo)"


def lees_csv(naam: str) -> list[dict]:
    """Seed tables start with a '# source: ...' line; the header follows. Strict: a row with
    more or fewer values than the header (an unquoted comma in a text) stops the load, naming
    the file and its line, instead of cutting the text and losing what follows."""
    with open(SEED_DATA / naam, encoding="utf-8", newline="") as f:
        genummerd = [(i, r) for i, r in enumerate(f, start=1) if not r.startswith("#")]
    lezer = csv.reader(r for _, r in genummerd)
    kop = next(lezer)
    rijen = []
    for rij in lezer:
        regel = genummerd[lezer.line_num - 1][0]
        if len(rij) != len(kop):
            raise ValueError(
                f"{naam}, regel {regel}: {len(rij)} waarden, de kopregel heeft {len(kop)}; "
                "zet een tekst met een komma tussen aanhalingstekens."
            )
        rijen.append(dict(zip(kop, rij, strict=True)))
    return rijen


def _bron(document: Document, paragraaf: str, toelichting: str = "") -> dict:
    """The source fields of a row: the document as people cite it, where in it, a note."""
    return {
        "brondocument": Brondocument.objects.get(code=document.code),
        "paragraaf": paragraaf,
        "bron": toelichting,
    }


def _documenten() -> None:
    for d in DOCUMENTEN:
        _zet(
            Brondocument,
            {"code": d.code},
            {"titel": d.titel, "organisatie": d.organisatie, "datum": d.datum},
        )


def _zet(model, sleutel: dict, waarden: dict | None = None):
    """Create or update one row, writing (and so auditing) only what differs."""
    waarden = waarden or {}
    obj = model.objects.filter(**sleutel).first()
    if obj is None:
        obj = model(**sleutel, **waarden)
        obj._change_reason = REDEN
        obj.save()
        return obj
    anders = {k: v for k, v in waarden.items() if getattr(obj, k) != v}
    if anders:
        for k, v in anders.items():
            setattr(obj, k, v)
        if hasattr(obj, "versie"):
            obj.versie += 1
        obj._change_reason = REDEN
        obj.save()
    return obj


# --- organisations ----------------------------------------------------------------------

PROVINCIES = {"flevoland": "Flevoland", "overijssel": "Overijssel"}

# cbs, naam, provincie, inwoners (CBS 1-1-2022, afgerond), illustratief
GEMEENTEN = [
    ("GM0034", "Almere", "flevoland", 218_096, False),
    ("GM0303", "Dronten", "flevoland", 42_000, True),
    ("GM0995", "Lelystad", "flevoland", 80_000, True),
    ("GM0171", "Noordoostpolder", "flevoland", 48_000, True),
    ("GM0184", "Urk", "flevoland", 21_600, True),
    ("GM0050", "Zeewolde", "flevoland", 23_000, True),
    ("GM1708", "Steenwijkerland", "overijssel", 44_700, False),
]

# slug, name in organisations.csv (or a fictional one), gemeenten it works in
CORPORATIES = [
    ("goedestede", "GoedeStede", ["GM0034"]),
    ("ymere", "Ymere", ["GM0034"]),
    ("de-alliantie", "De Alliantie", ["GM0034"]),
    ("woonconcept", "Woonconcept (Stichting Woonconcept)", ["GM1708"]),
    ("wetland-wonen", "Wetland Wonen (Stichting Wetland Wonen Groep)", ["GM1708"]),
    (
        "flevowonen",
        "Flevowonen (fictief, illustratief)",
        ["GM0303", "GM0995", "GM0171", "GM0184", "GM0050"],
    ),
]

# An example ladder; seed 000 L11 gives only that trede 3 is "actief toezicht".
LADDER = [
    (1, "Reguliere monitoring", "groen"),
    (2, "Verscherpt toezicht", "oranje"),
    (3, "Actief toezicht", "rood"),
    (4, "Aanwijzing (vooraankondiging)", "rood"),
    (5, "Indeplaatsstelling", "rood"),
]


@dataclass(frozen=True)
class DemoGebruiker:
    username: str
    rol: str
    organisatie: str  # cbs code, corporatie slug or provincie slug


DEMO_GEBRUIKERS = [
    DemoGebruiker("opgaveteam-almere", Rol.OPGAVETEAM, "GM0034"),
    DemoGebruiker("corporatie-ymere", Rol.CORPORATIE, "ymere"),
    DemoGebruiker("corporatie-goedestede", Rol.CORPORATIE, "goedestede"),
    DemoGebruiker("provincie-flevoland", Rol.PROVINCIE, "flevoland"),
    DemoGebruiker("taskforce-almere", Rol.TASKFORCE, "GM0034"),
    DemoGebruiker("opgaveteam-steenwijkerland", Rol.OPGAVETEAM, "GM1708"),
    DemoGebruiker("corporatie-woonconcept", Rol.CORPORATIE, "woonconcept"),
    DemoGebruiker("provincie-overijssel", Rol.PROVINCIE, "overijssel"),
    DemoGebruiker("beheerder", Rol.BEHEERDER, ""),
]


def _organisaties() -> None:
    for slug, naam in PROVINCIES.items():
        provincie = _zet(Provincie, {"slug": slug}, {"naam": naam})
        for nummer, tredenaam, kleur in LADDER:
            _zet(
                Trede,
                {"provincie": provincie, "nummer": nummer},
                {
                    "naam": tredenaam,
                    "kleur": kleur,
                    "omschrijving": "Voorbeeldladder; de provincie past deze zelf aan.",
                },
            )
    for cbs, naam, prov, inwoners, illustratief in GEMEENTEN:
        _zet(
            Gemeente,
            {"cbs_code": cbs},
            {
                "naam": naam,
                "provincie": Provincie.objects.get(slug=prov),
                "inwoners": inwoners,
                "illustratief": illustratief,
            },
        )
    for slug, naam, gemeenten in CORPORATIES:
        corporatie = _zet(Corporatie, {"slug": slug}, {"naam": naam})
        for cbs in gemeenten:
            _zet(
                Werkgebied,
                {"corporatie": corporatie, "gemeente": Gemeente.objects.get(cbs_code=cbs)},
            )


def _trede(gemeente: Gemeente, nummer: int) -> Trede:
    return Trede.objects.get(provincie=gemeente.provincie_id, nummer=nummer)


def _maandrijen(gemeente: Gemeente, reeks: dict, illustratief: bool = True) -> None:
    """reeks: {Maand: [(bron, corporatie slug or None, gehuisvest, tellend, woningen), ...]}"""
    for maand, rijen in reeks.items():
        _zet(Maandrapportage, {"gemeente": gemeente, "maand": maand.eerste_dag})
        for bron, corp, gehuisvest, tellend, woningen in rijen:
            _zet(
                Realisatie,
                {
                    "gemeente": gemeente,
                    "maand": maand.eerste_dag,
                    "bron": Bron.objects.get(code=bron),
                    "corporatie": Corporatie.objects.get(slug=corp) if corp else None,
                },
                {
                    "personen_gehuisvest": gehuisvest,
                    "personen_tellend": tellend,
                    "woningen": woningen,
                    "illustratief": illustratief,
                },
            )


# --- Almere 2023 (seed 000) -------------------------------------------------------------

# The four-month totals are the source's (000 L43: 48 woningen, 98 personen, 20 uit de HAR);
# how they spread over months and corporaties is not in the seed and is illustratief.
ALMERE_JAN_APR = {
    Maand(2023, 1): [
        ("regulier", "goedestede", 8, 8, 4),
        ("regulier", "ymere", 8, 8, 4),
        ("regulier", "de-alliantie", 6, 6, 3),
    ],
    Maand(2023, 2): [
        ("regulier", "goedestede", 7, 7, 3),
        ("regulier", "ymere", 6, 6, 3),
        ("regulier", "de-alliantie", 6, 6, 3),
        ("har_uitplaatsing", None, 12, 0, 5),
    ],
    Maand(2023, 3): [
        ("regulier", "goedestede", 8, 8, 4),
        ("regulier", "ymere", 6, 6, 3),
        ("regulier", "de-alliantie", 6, 6, 3),
    ],
    Maand(2023, 4): [
        ("regulier", "goedestede", 6, 6, 3),
        ("regulier", "ymere", 6, 6, 3),
        ("regulier", "de-alliantie", 5, 5, 3),
        ("har_uitplaatsing", None, 8, 0, 4),
    ],
}
# About 90 mutaties a month over the three corporaties (000 L61); the split is illustratief.
ALMERE_MUTATIES = {"goedestede": 33, "ymere": 32, "de-alliantie": 25}


def _controleer_almere_totalen() -> None:
    bron = lees_csv("almere_2023_realisation_jan_apr.csv")[0]
    rijen = [r for rijen in ALMERE_JAN_APR.values() for r in rijen]
    som = (
        sum(r[2] for r in rijen),
        sum(r[4] for r in rijen),
        sum(r[2] for r in rijen if r[0] == "har_uitplaatsing"),
    )
    verwacht = (int(bron["persons"]), int(bron["dwellings"]), int(bron["persons_via_HAR"]))
    if som != verwacht:
        raise ValueError(f"De demosplitsing {som} wijkt af van seed 000 {verwacht}.")


# The notes with the two half-years (the seed table's own notes are English and cite lines).
ALMERE_HALFJAREN = {
    "2023-H1": "eerste helft 2023; termijn van de provincie: 1 oktober 2023",
    "2023-H2": "tweede helft 2023, in de loop van het jaar verhoogd; termijn van de provincie: "
    "31 december 2023",
}


def _almere() -> None:
    almere = Gemeente.objects.get(cbs_code="GM0034")
    quota = lees_csv("almere_2023_quota.csv")
    achterstand = next(r for r in quota if r["component"] == "achterstand")
    _zet(
        Openingssaldo,
        {"gemeente": almere},
        {
            "jaar": 2023,
            "helft": 1,
            "saldo": -int(achterstand["persons"]),
            **_bron(PVA_ALMERE, "§1", "achterstand 2022"),
        },
    )
    cumulatief = 0
    for r in quota:
        if r["component"] == "TOTAL":
            continue
        cumulatief += int(r["persons"])
        if r["component"] == "taakstelling":
            jaar, helft = r["period"].split("-H")
            _zet(
                Taakstelling,
                {"gemeente": almere, "jaar": int(jaar), "helft": int(helft)},
                {
                    "aantal": int(r["persons"]),
                    **_bron(PVA_ALMERE, "§1", ALMERE_HALFJAREN[r["period"]]),
                },
            )
            _zet(
                Mijlpaal,
                {"gemeente": almere, "datum": date.fromisoformat(r["deadline"])},
                {
                    "doel": cumulatief,
                    "startdatum": date(2023, 1, 1),
                    "gezet_door": Mijlpaal.GezetDoor.PROVINCIE,
                    "omschrijving": "Deadline provincie Flevoland",
                    **_bron(PVA_ALMERE, "§1", "termijnen van de provincie Flevoland"),
                },
            )
    totaal = next(r for r in quota if r["component"] == "TOTAL")
    if cumulatief != int(totaal["persons"]):
        raise ValueError("Seed 000: de componenten tellen niet op tot het totaal.")

    _zet(
        IbtStatus,
        {"gemeente": almere, "sinds": date(2021, 9, 21)},
        {
            "trede": _trede(almere, 3),
            **_bron(PVA_ALMERE, "§1"),
            "reden": "Achterstand in de huisvesting van vergunninghouders; actief toezicht "
            "op grond van art. 124 Gemeentewet.",
        },
    )

    _controleer_almere_totalen()
    _maandrijen(almere, ALMERE_JAN_APR)
    for maand, koppeld in zip([Maand(2023, m) for m in range(1, 5)], [60, 55, 70, 65], strict=True):
        _zet(
            Koppeling,
            {"gemeente": almere, "maand": maand.eerste_dag},
            {"personen": koppeld, "illustratief": True},
        )

    # Supply Jan-Apr: the VH allocations are the regular dwellings realised above.
    for maand, rijen in ALMERE_JAN_APR.items():
        for slug, mutaties in ALMERE_MUTATIES.items():
            vh = sum(r[4] for r in rijen if r[1] == slug)
            label, huur, grootte = mutaties // 5, mutaties // 5, mutaties // 10
            _zet(
                Aanbod,
                {
                    "corporatie": Corporatie.objects.get(slug=slug),
                    "gemeente": almere,
                    "maand": maand.eerste_dag,
                },
                {
                    "mutaties": mutaties,
                    "ongeschikt_label": label,
                    "ongeschikt_huur": huur,
                    "ongeschikt_grootte": grootte,
                    "toegewezen_urgenten": (mutaties * 35 + 50) // 100,
                    "toegewezen_vh": vh,
                    "illustratief": True,
                },
            )
    for slug, mutaties in ALMERE_MUTATIES.items():
        _zet(
            Aanbodverwachting,
            {
                "gemeente": almere,
                "corporatie": Corporatie.objects.get(slug=slug),
                "geldig_vanaf": date(2023, 1, 1),
            },
            {
                "mutaties_per_maand": Decimal(mutaties),
                "illustratief": True,
                **_bron(
                    PVA_ALMERE,
                    "§1",
                    "totaal ca. 90 per maand; verdeling over de corporaties illustratief",
                ),
            },
        )

    for soort, teller, noemer, vanaf, tot in [
        ("aandeel_urgenten", 40, 100, date(2023, 1, 1), date(2023, 7, 1)),
        ("aandeel_urgenten", 35, 100, date(2023, 7, 1), None),
        ("aandeel_vh", 2, 3, date(2023, 1, 1), None),
    ]:
        _zet(
            Verdeelafspraak,
            {"gemeente": almere, "corporatie": None, "soort": soort, "geldig_vanaf": vanaf},
            {"teller": teller, "noemer": noemer, "geldig_tot": tot, **_bron(PVA_ALMERE, "§2")},
        )

    _almere_plan(almere)
    _amv_cohorten(almere, ALMERE_AMV)
    _almere_scenarios(almere)


# AMV'ers already housed before 2023 (no names: counts per birth month). Not in seed 000,
# which only says the gemeente stays responsible for their outflow at 21 (r. 132):
# illustratief, chosen so that one cohort turns 21 in the demo's 2023.
ALMERE_AMV = [(date(2002, 8, 1), date(2020, 11, 1), 2), (date(2006, 1, 1), date(2022, 6, 1), 3)]
STEENWIJKERLAND_AMV = [(date(2004, 1, 1), date(2022, 10, 1), 2)]


def _amv_cohorten(gemeente: Gemeente, cohorten: list[tuple[date, date, int]]) -> None:
    for geboren, gehuisvest, aantal in cohorten:
        _zet(
            AmvCohort,
            {"gemeente": gemeente, "geboortemaand": geboren, "gehuisvest_in": gehuisvest},
            {"aantal": aantal, "illustratief": True},
        )


def _almere_plan(almere: Gemeente) -> None:
    plan = _zet(
        Actieplan,
        {"gemeente": almere, "naam": "Plan van aanpak 2023"},
        {
            "geldig_vanaf": date(2023, 5, 1),
            "geldig_tot": date(2023, 12, 31),
            "bezetting": Decimal("2.2"),
            **_bron(PVA_ALMERE, "§3"),
        },
    )
    maandplan = {r["action_code"]: r for r in lees_csv("almere_2023_monthly_plan_dwellings.csv")}
    maanden = [Maand(2023, m) for m in range(5, 13)]
    for volgorde, r in enumerate(lees_csv("almere_2023_action_plan.csv"), start=1):
        code = r["action_code"]
        if code == "TOTAL":
            continue
        toelichting = {
            "none_in_2023": "Geen in 2023",
            "none_embedded": "Resultaat is in de cijfers van overige acties doorgerekend",
            "pm": "pm",
        }.get(r["dwellings_kind"], "")
        status = (
            Actie.Status.GEEN_RESULTAAT
            if r["dwellings_kind"] == "none_in_2023"
            else Actie.Status.UITVOERING
        )
        actie = _zet(
            Actie,
            {"actieplan": plan, "type": ActieType.objects.get(code=code)},
            {
                "gemeente": almere,
                "omschrijving": r["action_name_nl"],
                "status": status,
                "resultaat_toelichting": toelichting,
                "volgorde": volgorde,
            },
        )
        if code not in maandplan:
            continue
        som = 0
        for maand in maanden:
            waarde = maandplan[code][str(maand)]
            pm = waarde == "pm"
            som += 0 if pm else int(waarde)
            _zet(
                Planning,
                {"actie": actie, "maand": maand.eerste_dag},
                {"gemeente": almere, "pm": pm, "woningen": None if pm else int(waarde)},
            )
        if r["dwellings_kind"] == "number" and som != int(r["dwellings"]):
            raise ValueError(
                f"Seed 000: maandplanning {code} telt op tot {som}, niet {r['dwellings']}."
            )


# --- scenarios (issue 'Prognose') -------------------------------------------------------

# 'basis' is the forecast on the figures as entered (plan, aanbodverwachting and verdeel-
# afspraken of seed 000), a snapshot without scenario, not a row. Footnote 3 of seed 000
# (r. 89) names the scenario the parties adopted as guideline, "intensief bemiddelen", but not
# its parameters: the ones below are illustratief. 40% of the mutaties to urgenten all year
# (r. 78: "circa 40%" over 2023) instead of 35% from 1 July, and 2 more dwellings a month by
# prioritaire toewijzing.
ALMERE_SCENARIOS = [
    (
        "intensief bemiddelen",
        {"aandeel_urgenten": "2/5", "extra_woningen": {"prioritaire_toewijzing": 2}},
        "Het hele jaar 40% van de vrijkomende sociale huurwoningen naar urgenten (in plaats "
        "van 35% vanaf 1 juli) en 2 woningen per maand extra via prioritaire toewijzing. "
        "Naam uit het plan van aanpak (voetnoot 3); de parameters zijn illustratief.",
    ),
]


def _almere_scenarios(almere: Gemeente) -> None:
    for naam, parameters, omschrijving in ALMERE_SCENARIOS:
        _zet(
            Scenario,
            {"gemeente": almere, "slug": scenario_slug(naam)},
            {
                "naam": naam,
                "parameters": parameters,
                "omschrijving": omschrijving,
                "illustratief": True,
                **_bron(PVA_ALMERE, "§2, voetnoot 3", "naam uit het plan; parameters illustratief"),
            },
        )


# --- the other Flevoland gemeenten (illustratief) ---------------------------------------

# cbs: (H1 2023, H2 2023, opening saldo, persons per month Jan-Apr, dwellings per month,
#       koppelingen per month, (trede, sinds, verschoonbaar grond or ""), missing months)
FLEVOLAND = {
    "GM0995": (
        96,
        124,
        0,
        [10, 14, 8, 12],
        [5, 6, 4, 6],
        [20, 25, 22, 24],
        [(1, date(2021, 1, 1), ""), (2, date(2023, 2, 15), "")],
        [],
    ),
    "GM0303": (
        50,
        65,
        4,
        [9, 8, 11, 10],
        [4, 4, 5, 5],
        [12, 10, 14, 11],
        [(1, date(2022, 1, 1), "")],
        [],
    ),
    "GM0171": (
        57,
        74,
        -6,
        [6, 7, 5, 9],
        [3, 3, 2, 4],
        [15, 14, 16, 15],
        [(2, date(2022, 11, 1), "")],
        [Maand(2023, 4)],
    ),
    "GM0184": (
        26,
        34,
        -10,
        [2, 3, 0, 4],
        [1, 1, 0, 2],
        [3, 2, 4, 3],
        [
            (
                2,
                date(2023, 4, 1),
                "COA koppelde vóór de peildatum 1 april te weinig vergunninghouders.",
            )
        ],
        [],
    ),
    "GM0050": (
        27,
        36,
        0,
        [5, 6, 4, 7],
        [2, 3, 2, 3],
        [7, 7, 8, 6],
        [(1, date(2022, 1, 1), "")],
        [],
    ),
}


def _flevoland_illustratief() -> None:
    for cbs, (
        h1,
        h2,
        opening,
        personen,
        woningen,
        koppelingen,
        treden,
        ontbreekt,
    ) in FLEVOLAND.items():
        g = Gemeente.objects.get(cbs_code=cbs)
        for helft, aantal in ((1, h1), (2, h2)):
            _zet(
                Taakstelling,
                {"gemeente": g, "jaar": 2023, "helft": helft},
                {"aantal": aantal, "illustratief": True, "bron": ILL},
            )
        _zet(
            Openingssaldo,
            {"gemeente": g},
            {"jaar": 2023, "helft": 1, "saldo": opening, "illustratief": True, "bron": ILL},
        )
        for nummer, sinds, grond in treden:
            _zet(
                IbtStatus,
                {"gemeente": g, "sinds": sinds},
                {
                    "trede": _trede(g, nummer),
                    "verschoonbaar": bool(grond),
                    "verschoonbaar_grond": grond,
                    "bron": ILL,
                    "reden": "Illustratief: stand van de realisatie ten opzichte van de opgave.",
                },
            )
        reeks = {}
        for i, (p, w) in enumerate(zip(personen, woningen, strict=True)):
            maand = Maand(2023, i + 1)
            if maand not in ontbreekt:
                reeks[maand] = [("regulier", "flevowonen", p, p, w)] if p else []
            _zet(
                Koppeling,
                {"gemeente": g, "maand": maand.eerste_dag},
                {"personen": koppelingen[i], "illustratief": True},
            )
        _maandrijen(g, reeks)


# --- Steenwijkerland 2024 (seed 002 caps; everything else illustratief) -------------------

STEENWIJKERLAND_MAANDEN = {
    # month: [(corporatie, mutaties, ongeschikt label/huur/grootte, urgenten, vh, persons)]
    1: [("woonconcept", 25, (4, 3, 2), 7, 2, 4), ("wetland-wonen", 12, (2, 1, 1), 3, 1, 2)],
    2: [("woonconcept", 24, (4, 3, 2), 7, 2, 5), ("wetland-wonen", 11, (2, 1, 1), 3, 1, 1)],
    3: [("woonconcept", 26, (5, 3, 2), 8, 2, 4), ("wetland-wonen", 13, (2, 1, 1), 4, 1, 3)],
    4: [("woonconcept", 23, (4, 2, 2), 7, 2, 4), ("wetland-wonen", 12, (2, 1, 1), 3, 1, 2)],
    5: [("woonconcept", 25, (4, 3, 2), 7, 2, 5), ("wetland-wonen", 12, (2, 1, 1), 3, 1, 2)],
    6: [("woonconcept", 24, (4, 3, 2), 7, 2, 4), ("wetland-wonen", 11, (2, 1, 1), 3, 1, 2)],
    7: [("woonconcept", 26, (4, 3, 2), 9, 4, 8), ("wetland-wonen", 12, (2, 1, 1), 4, 2, 4)],
    8: [("woonconcept", 25, (4, 3, 2), 10, 6, 12), ("wetland-wonen", 12, (2, 1, 1), 5, 3, 6)],
    9: [("woonconcept", 25, (4, 3, 2), 10, 6, 13), ("wetland-wonen", 13, (2, 1, 1), 5, 3, 6)],
}


# Where the addendum states each cap (valid from -> paragraph, note).
STEENWIJKERLAND_PLAFONDS = {
    "2023-01-01": ("inleiding", "10% volgens de meerjarige prestatieafspraken 2023-2027"),
    "2024-07-12": ("afspraak a", "geldt tot 1 januari 2025"),
}


def _steenwijkerland() -> None:
    g = Gemeente.objects.get(cbs_code="GM1708")
    _amv_cohorten(g, STEENWIJKERLAND_AMV)
    for helft, aantal in ((1, 47), (2, 51)):
        _zet(
            Taakstelling,
            {"gemeente": g, "jaar": 2024, "helft": helft},
            {"aantal": aantal, "illustratief": True, "bron": ILL},
        )
    _zet(
        Openingssaldo,
        {"gemeente": g},
        {
            "jaar": 2024,
            "helft": 1,
            "saldo": -18,
            "illustratief": True,
            **_bron(
                ADDENDUM_STEENWIJKERLAND,
                "inleiding",
                "het document noemt de achterstand over 2023; het aantal is illustratief",
            ),
        },
    )
    _zet(
        IbtStatus,
        {"gemeente": g, "sinds": date(2024, 2, 1)},
        {
            "trede": _trede(g, 2),
            "bron": ILL,
            "reden": "Illustratief: taakstelling 2023 niet gerealiseerd.",
        },
    )

    for r in lees_csv("steenwijkerland_allocation_caps.csv"):
        _zet(
            Verdeelafspraak,
            {
                "gemeente": g,
                "corporatie": None,
                "soort": "plafond_vh",
                "geldig_vanaf": date.fromisoformat(r["valid_from"]),
            },
            {
                "teller": int(
                    Decimal(r["max_share_of_vacated_social_rent_to_statushouders"]) * 100
                ),
                "noemer": 100,
                "geldig_tot": date.fromisoformat(r["valid_to_exclusive"]),
                **_bron(ADDENDUM_STEENWIJKERLAND, *STEENWIJKERLAND_PLAFONDS[r["valid_from"]]),
            },
        )
    for soort, teller, noemer, vanaf, tot in [
        ("aandeel_urgenten", 30, 100, date(2024, 1, 1), date(2024, 7, 12)),
        ("aandeel_urgenten", 40, 100, date(2024, 7, 12), None),
        ("aandeel_vh", 1, 2, date(2024, 1, 1), date(2024, 7, 12)),
        ("aandeel_vh", 2, 3, date(2024, 7, 12), None),
    ]:
        _zet(
            Verdeelafspraak,
            {"gemeente": g, "corporatie": None, "soort": soort, "geldig_vanaf": vanaf},
            {
                "teller": teller,
                "noemer": noemer,
                "geldig_tot": tot,
                "illustratief": True,
                "bron": ILL,
            },
        )

    reeks = {}
    for nummer, rijen in STEENWIJKERLAND_MAANDEN.items():
        maand = Maand(2024, nummer)
        reeks[maand] = []
        for slug, mutaties, (label, huur, grootte), urgenten, vh, personen in rijen:
            corporatie = Corporatie.objects.get(slug=slug)
            _zet(
                Aanbod,
                {"corporatie": corporatie, "gemeente": g, "maand": maand.eerste_dag},
                {
                    "mutaties": mutaties,
                    "ongeschikt_label": label,
                    "ongeschikt_huur": huur,
                    "ongeschikt_grootte": grootte,
                    "toegewezen_urgenten": urgenten,
                    "toegewezen_vh": vh,
                    "illustratief": True,
                },
            )
            reeks[maand].append(("regulier", slug, personen, personen, vh))
        if nummer >= 8:  # addendum b (r. 32): kamerverhuur
            reeks[maand].append(("kamerverhuur", None, 3, 3, 1))
        _zet(
            Koppeling,
            {"gemeente": g, "maand": maand.eerste_dag},
            {"personen": [8, 7, 9, 10, 8, 9, 10, 9, 8][nummer - 1], "illustratief": True},
        )
    _maandrijen(g, reeks)
    for slug, mutaties in (("woonconcept", 25), ("wetland-wonen", 12)):
        _zet(
            Aanbodverwachting,
            {
                "gemeente": g,
                "corporatie": Corporatie.objects.get(slug=slug),
                "geldig_vanaf": date(2024, 1, 1),
            },
            {"mutaties_per_maand": Decimal(mutaties), "illustratief": True, "bron": ILL},
        )

    plan = _zet(
        Actieplan,
        {"gemeente": g, "naam": "Plan van aanpak 2024 (illustratief)"},
        {
            "geldig_vanaf": date(2024, 7, 1),
            "geldig_tot": date(2024, 12, 31),
            "bezetting": Decimal("2.0"),
            **_bron(ADDENDUM_STEENWIJKERLAND, "afspraken a tot en met f", "aantallen illustratief"),
        },
    )
    woonconcept = Corporatie.objects.get(slug="woonconcept")
    acties = [
        (
            "prioritaire_toewijzing",
            woonconcept,
            "a. Maximaal 25% van de vrijgekomen sociale huurwoningen naar statushouders",
            [8, 9, 9, 9, 9, 8],
        ),
        ("kamerverhuur", None, "b. Kamerverhuur of dubbele bewoning", [0, 1, 1, 2, 2, 2]),
        ("andere_verhuurders", None, "c. Gesprek met andere verhuurders", [None] * 6),
        ("doorstroomlocatie", None, "d. Tijdelijke woningen/wooneenheden", [None] * 6),
        ("amv", None, "e. Vastgoed voor AMV'ers met status", [0, 0, 0, 1, 0, 0]),
        ("flexwoningen", woonconcept, "f. Ontwikkeling flexwoningen", []),
    ]
    for volgorde, (code, eigenaar, omschrijving, reeks_plan) in enumerate(acties, start=1):
        actie = _zet(
            Actie,
            {"actieplan": plan, "type": ActieType.objects.get(code=code)},
            {
                "gemeente": g,
                "eigenaar_corporatie": eigenaar,
                "omschrijving": omschrijving,
                "volgorde": volgorde,
                "status": Actie.Status.VOORBEREIDING if not reeks_plan else Actie.Status.UITVOERING,
                "resultaat_toelichting": "Geen in 2024" if not reeks_plan else "",
            },
        )
        for i, woningen in enumerate(reeks_plan):
            _zet(
                Planning,
                {"actie": actie, "maand": Maand(2024, 7 + i).eerste_dag},
                {"gemeente": g, "pm": woningen is None, "woningen": woningen},
            )


# --- users --------------------------------------------------------------------------------


def _gebruikers(wachtwoord: str | None) -> list[tuple[DemoGebruiker, str]]:
    uitkomst = []
    for d in DEMO_GEBRUIKERS:
        user, _ = User.objects.get_or_create(username=d.username)
        ww = wachtwoord or secrets.token_urlsafe(12)
        user.set_password(ww)
        user.is_staff = user.is_superuser = d.rol == Rol.BEHEERDER
        user.save()
        sleutel = {"user": user, "rol": d.rol}
        if d.rol in (Rol.OPGAVETEAM, Rol.TASKFORCE):
            sleutel["gemeente"] = Gemeente.objects.get(cbs_code=d.organisatie)
        elif d.rol == Rol.CORPORATIE:
            sleutel["corporatie"] = Corporatie.objects.get(slug=d.organisatie)
        elif d.rol == Rol.PROVINCIE:
            sleutel["provincie"] = Provincie.objects.get(slug=d.organisatie)
        Lidmaatschap.objects.get_or_create(**sleutel)
        uitkomst.append((d, ww))
    return uitkomst


@transaction.atomic
def laad_demo(
    wachtwoord: str | None = None, vandaag: date | None = None
) -> list[tuple[DemoGebruiker, str]]:
    """Load (or bring up to date) the whole demo; returns the log-ins with their passwords.

    The illustrative months go on up to the last complete month before ``vandaag`` (default:
    today), see ``demo/heden.py``; the seed months are the same on every date."""
    laad_bronnen(Bron, Telregel)
    laad_actietypen(ActieType)
    _documenten()
    _organisaties()
    _almere()
    laad_huishoudens_almere()  # issue 14: an illustrative household pipeline
    _flevoland_illustratief()
    _steenwijkerland()
    heden.leef_tot(vandaag or date.today(), _zet)
    # Forecast snapshots for every demo gemeente, after commit (in-process when eager).
    from organisaties.herberekening import herberekening_aanvragen

    for pk in Gemeente.objects.filter(cbs_code__in=[g[0] for g in GEMEENTEN]).values_list(
        "pk", flat=True
    ):
        herberekening_aanvragen(pk)
    inlogs = _gebruikers(wachtwoord)
    officieel.laad()  # issue 15: official figures
    return inlogs
