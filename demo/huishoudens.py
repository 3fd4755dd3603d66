"""An illustrative household pipeline for Almere (issue 14 §10).

About 150 households, made up and marked illustratief: most of those waiting are single
(about 85%, as COA reports), the moved ones average about 2.0 persons per dwelling (Almere's
realised bezetting, seed 000). Dates run relative to the day the demo is loaded, so the
pipeline looks alive. Only the households: the months stay as typed totals (no Invoerwijze),
so the seed's aggregate figures are unchanged.
"""

from __future__ import annotations

import random
from datetime import date, timedelta
from decimal import Decimal

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from bemiddeling.models import Aanbodverwachting, Huishouden, HuishoudenGebeurtenis
from kern import huishoudens as HH
from organisaties.models import Corporatie, Gemeente

WACHTEND = 62
VERHUISD = 78
UITGEVALLEN = 10
CORPORATIES = ("goedestede", "ymere", "de-alliantie")

# (persons, weight) for the waiting and for the moved households
_WACHTEND_GROOTTE = [(1, 85), (2, 5), (3, 4), (4, 3), (5, 2), (6, 1)]
_VERHUISD_GROOTTE = [(1, 50), (2, 20), (3, 14), (4, 10), (5, 5), (6, 1)]  # mean about 2.0


def _grootte(rnd: random.Random, tabel) -> int:
    return rnd.choices([g for g, _ in tabel], weights=[w for _, w in tabel])[0]


def _samenstelling(rnd: random.Random, personen: int) -> tuple[int, int]:
    if personen == 1:
        return 1, 0
    volwassenen = 2 if personen >= 3 or rnd.random() < 0.6 else 1
    return volwassenen, personen - volwassenen


@transaction.atomic
def laad_huishoudens_almere(vandaag: date | None = None) -> int:
    """Create the demo households once (idempotent: nothing when they are there)."""
    almere = Gemeente.objects.filter(cbs_code="GM0034").first()
    if almere is None or Huishouden.objects.filter(gemeente=almere, illustratief=True).exists():
        return 0
    corporaties = list(Corporatie.objects.filter(slug__in=CORPORATIES).order_by("slug"))
    # The expected supply for VH by size class (issue 14 §9), made up: per corporatie per month
    # 3 dwellings for one person, 2 for two, 2,5 for 3-4 and 0,5 for 5 or more.
    Aanbodverwachting.objects.filter(gemeente=almere, vh_1__isnull=True).update(
        vh_1=Decimal(3), vh_2=Decimal(2), vh_3_4=Decimal("2.5"), vh_5_plus=Decimal("0.5")
    )
    return genereer(
        almere,
        corporaties,
        vandaag or timezone.localdate(),
        wachtend=WACHTEND,
        verhuisd=VERHUISD,
        uitgevallen=UITGEVALLEN,
        voorvoegsel="DEMO-ALMERE",
    )


def genereer(
    gemeente: Gemeente,
    corporaties: list[Corporatie],
    vandaag: date,
    *,
    wachtend: int,
    verhuisd: int,
    uitgevallen: int,
    voorvoegsel: str,
    seed: int = 2023,
) -> int:
    """Made-up households with their events, written in bulk (the demo, tests and
    bench/huishoudens.py). Household 1 waits past the norm without an offer, household 2 has an
    offer of Ymere (when Ymere is among ``corporaties``)."""
    almere = gemeente
    rnd = random.Random(seed)  # noqa: S311 (the same households every time, no secret)
    huishoudens: list[Huishouden] = []
    gebeurtenissen: list[tuple[int, HuishoudenGebeurtenis]] = []

    def maak(n: int, status: HH.Status, personen: int, koppel: date) -> Huishouden:
        volwassenen, kinderen = _samenstelling(rnd, personen)
        nareizigers = 0
        if status in HH.WACHTEND and personen == 1 and rnd.random() < 0.25:
            nareizigers = rnd.choice([1, 2, 3, 4])
        behoeften = []
        if rnd.random() < 0.06:
            behoeften.append("gelijkvloers")
        if rnd.random() < 0.08:
            behoeften.append("medisch")
        route = "regulier" if rnd.random() < 0.8 else rnd.choice(["flexwoning", "kamerverhuur"])
        h = Huishouden(
            gemeente=almere,
            sleutel=HH.pseudoniem(f"{voorvoegsel}-{n:04d}", settings.HUISHOUDEN_SLEUTEL),
            koppeldatum=koppel,
            volwassenen=volwassenen,
            kinderen=kinderen,
            nareizigers_verwacht=nareizigers,
            nareizigers_maand=(vandaag + timedelta(days=rnd.randint(30, 150))).replace(day=1)
            if nareizigers
            else None,
            behoeften=behoeften,
            route=route,
            status=HH.Status.GEKOPPELD,
            status_sinds=koppel,
            illustratief=True,
        )
        i = len(huishoudens)
        huishoudens.append(h)
        gebeurtenissen.append(
            (i, HuishoudenGebeurtenis(soort="aangemaakt", datum=koppel, naar_status="gekoppeld"))
        )
        return h

    def stap(i: int, h: Huishouden, soort: str, datum: date, nieuw: HH.Status, **velden):
        gebeurtenissen.append(
            (
                i,
                HuishoudenGebeurtenis(
                    soort=soort,
                    datum=datum,
                    van_status=h.status,
                    naar_status=nieuw,
                    corporatie=h.corporatie if soort != "uitvallen" else None,
                    **velden,
                ),
            )
        )
        h.status, h.status_sinds = nieuw, datum

    def aanbieden(i: int, h: Huishouden, datum: date) -> None:
        if h.route == "regulier" and corporaties:
            h.corporatie = rnd.choice(corporaties)
        h.woning_grootteklasse = HH.grootteklasse(h.grootte_met_nareizigers)
        stap(i, h, "aanbieden", datum, HH.Status.AANGEBODEN, reden=h.woning_grootteklasse)

    n = 0
    for _ in range(wachtend):
        n += 1
        koppel = vandaag - timedelta(days=rnd.randint(3, 120))
        if n == 1:  # always one past the norm, waiting for an offer (README, tests/toegang)
            koppel = vandaag - timedelta(weeks=11)
        h = maak(n, HH.Status.GEKOPPELD, _grootte(rnd, _WACHTEND_GROOTTE), koppel)
        i = len(huishoudens) - 1
        leeftijd = (vandaag - koppel).days
        ymere = next((c for c in corporaties if c.slug == "ymere"), None)
        if n == 2 and ymere:  # and one with an offer of Ymere (what corporatie-ymere sees)
            h.route = "regulier"
            h.corporatie = ymere
            h.woning_grootteklasse = HH.grootteklasse(h.grootte_met_nareizigers)
            stap(i, h, "aanbieden", vandaag - timedelta(days=1), HH.Status.AANGEBODEN)
        elif n == 1:
            pass
        elif leeftijd > 30 and rnd.random() < 0.45:
            aanbieden(i, h, koppel + timedelta(days=rnd.randint(20, min(leeftijd - 5, 70))))
            if rnd.random() < 0.5:
                stap(
                    i,
                    h,
                    "tekenen",
                    min(vandaag, h.status_sinds + timedelta(days=rnd.randint(3, 12))),
                    HH.Status.GETEKEND,
                )
    for _ in range(verhuisd):
        n += 1
        sleutel = vandaag - timedelta(days=rnd.randint(1, 180))
        koppel = sleutel - timedelta(days=rnd.randint(60, 110))
        h = maak(n, HH.Status.GEKOPPELD, _grootte(rnd, _VERHUISD_GROOTTE), koppel)
        i = len(huishoudens) - 1
        aanbieden(i, h, koppel + timedelta(days=rnd.randint(20, 45)))
        stap(i, h, "tekenen", h.status_sinds + timedelta(days=rnd.randint(3, 10)), "getekend")
        h.sleuteldatum = h.einddatum = sleutel
        stap(i, h, "verhuizen", sleutel, HH.Status.VERHUISD, personen=h.grootte)
    for _ in range(uitgevallen):
        n += 1
        koppel = vandaag - timedelta(days=rnd.randint(40, 200))
        h = maak(n, HH.Status.GEKOPPELD, _grootte(rnd, _WACHTEND_GROOTTE), koppel)
        i = len(huishoudens) - 1
        einde = koppel + timedelta(days=rnd.randint(10, 35))
        h.einddatum = einde
        reden = rnd.choice([r.value for r in HH.Uitvalreden])
        stap(i, h, "uitvallen", einde, HH.Status.UITGEVALLEN, reden=reden)
    Huishouden.objects.bulk_create(huishoudens, batch_size=2000)
    rijen = []
    for i, g in gebeurtenissen:
        g.huishouden = huishoudens[i]
        rijen.append(g)
    HuishoudenGebeurtenis.objects.bulk_create(rijen, batch_size=2000)
    return len(huishoudens)
