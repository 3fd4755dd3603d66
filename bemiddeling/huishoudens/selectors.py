"""Reads of households (issue 14): the pipeline page, and the summary of ``manage.py pijplijn``
and the API. A fixed number of queries whatever the number of households."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from bemiddeling.models import Huishouden, HuishoudenGebeurtenis, HuishoudenTelling
from kern import huishoudens as HH
from kern.huishoudens import Status
from kern.perioden import Maand
from organisaties import toegang
from organisaties.models import Gemeente

KOLOMMEN = (Status.GEKOPPELD, Status.AANGEBODEN, Status.GETEKEND, Status.VERHUISD)
RECENT_DAGEN = 92  # moved or dropped out in the last three months: still on the page


@dataclass
class Kaart:
    """One household on the pipeline page."""

    huishouden: Huishouden
    leeftijd_dagen: int
    te_laat: dict[str, bool]
    termijnen: HH.Termijnen
    html: str = ""  # the card as the page shows it (bemiddeling/huishoudens/kaarten.py)

    @property
    def leeftijd_weken(self) -> int:
        return self.leeftijd_dagen // 7

    @property
    def achterstallig(self) -> bool:
        return self.te_laat["contract"] or self.te_laat["verhuizing"]


@dataclass
class Kolom:
    status: Status
    kaarten: list[Kaart] = field(default_factory=list)
    aantal: int = 0  # every household in the column (with the filter), not only the cards
    te_laat: int = 0

    @property
    def label(self) -> str:
        return HH.STATUS_LABELS[self.status]

    @property
    def meer(self) -> int:
        return self.aantal - len(self.kaarten)


@dataclass
class Pijplijn:
    kolommen: list[Kolom]
    uitgevallen: list[Kaart]
    totaal: int
    per_kolom: int | None
    wachtend_per_klasse: dict[str, int] = field(default_factory=dict)  # before any filter

    @property
    def getoond(self) -> int:
        return sum(len(k.kaarten) for k in self.kolommen) + len(self.uitgevallen)

    @property
    def ingekort(self) -> bool:
        return any(k.meer for k in self.kolommen)


PER_KOLOM = 40  # cards per column: the most urgent; the counts cover all


def pijplijn(
    gemeente: Gemeente,
    vandaag: date,
    *,
    corporatie_ids: frozenset[int] | None = None,
    grootte: str | None = None,
    behoefte: str | None = None,
    per_kolom: int | None = PER_KOLOM,
) -> Pijplijn:
    """Waiting households per status, most urgent first, plus those moved or dropped out in
    the last three months. Every household is counted (with its overdue marks); only the
    ``per_kolom`` most urgent of each column become cards (None: all). ``corporatie_ids``:
    only households offered a dwelling of these corporaties (a corporatie's view).

    Two queries: the few columns of every household (plain tuples, no model objects), then the
    households shown as cards."""
    # No ORDER BY: the default ordering (gemeente name first) joins the gemeente for every
    # row; the cards are sorted here.
    rijen = (
        Huishouden.objects.filter(gemeente=gemeente, koppeldatum__lte=vandaag)
        .exclude(
            status__in=[Status.VERHUISD, Status.UITGEVALLEN],
            einddatum__lt=date.fromordinal(vandaag.toordinal() - RECENT_DAGEN),
        )
        .order_by()
    )
    if corporatie_ids is not None:
        aangeboden = HuishoudenGebeurtenis.objects.filter(
            huishouden__gemeente=gemeente, soort="aanbieden", corporatie_id__in=corporatie_ids
        ).values("huishouden_id")
        rijen = rijen.filter(pk__in=aangeboden)
    kolommen = {s: Kolom(s) for s in KOLOMMEN}
    kandidaten: dict[str, list[tuple]] = {s.value: [] for s in (*KOLOMMEN, Status.UITGEVALLEN)}
    # The norm as two dates (kern.huishoudens.te_laat, unrolled: 2,000 rows per request).
    contract_voor = vandaag - HH.NORM_CONTRACT  # linked on or before: lease overdue
    verhuizing_voor = vandaag - HH.NORM_VERHUIZING
    velden = ["pk", "status", "koppeldatum", "sleuteldatum", "einddatum", "volwassenen"]
    velden += ["kinderen", "nareizigers_aangekomen", "nareizigers_verwacht"]
    if behoefte:  # JSON, read only when filtering on it
        velden.append("behoeften")
    totaal = 0
    wachtend_per_klasse: dict[str, int] = dict.fromkeys(HH.GROOTTEKLASSEN, 0)
    for rij in rijen.values_list(*velden):
        pk, status, koppel, sleutel, einde, v, k, a, e = rij[:9]
        totaal += 1
        personen = v + k + a + e
        if status in HH.WACHTEND:
            wachtend_per_klasse[HH.grootteklasse(personen)] += 1
        if grootte and HH.grootteklasse(personen) != grootte:
            continue
        if behoefte and behoefte not in HH.behoeften(rij[9] or (), personen):
            continue
        if status == "uitgevallen":
            kandidaten[status].append(((einde, koppel, pk), pk, None))
            continue
        kolom = kolommen[status]
        kolom.aantal += 1
        if status == "verhuisd":
            kandidaten[status].append(((-sleutel.toordinal(), koppel, pk), pk, None))
            continue
        laat = {
            "contract": status != "getekend" and koppel <= contract_voor,
            "verhuizing": koppel <= verhuizing_voor,
        }
        if laat["contract"] or laat["verhuizing"]:
            kolom.te_laat += 1
        urgentie = (-int(laat["verhuizing"]) - int(laat["contract"]), koppel, pk)
        kandidaten[status].append((urgentie, pk, laat))
    getoond: dict[str, list[tuple]] = {}
    for status, lijst in kandidaten.items():
        lijst.sort(key=lambda t: t[0])
        getoond[status] = lijst if per_kolom is None else lijst[:per_kolom]
    objecten = (
        Huishouden.objects.select_related("corporatie")
        .order_by()
        .in_bulk([pk for lijst in getoond.values() for _, pk, _ in lijst])
    )
    uitgevallen: list[Kaart] = []
    for status, lijst in getoond.items():
        for _, pk, laat in lijst:
            h = objecten[pk]
            kaart = Kaart(
                h,
                (vandaag - h.koppeldatum).days,
                laat or {"contract": False, "verhuizing": False},
                h.termijnen,
            )
            (uitgevallen if status == "uitgevallen" else kolommen[Status(status)].kaarten).append(
                kaart
            )
    return Pijplijn(list(kolommen.values()), uitgevallen, totaal, per_kolom, wachtend_per_klasse)


# --- the summary: manage.py pijplijn, the API, the aggregate view ---------------------------------


def _status_op(h: Huishouden, gebeurtenissen: list, peildatum: date) -> Status | None:
    """A household's status at the peildatum, from its events (None: not yet linked)."""
    if h.koppeldatum > peildatum:
        return None
    status = Status.GEKOPPELD
    for g in gebeurtenissen:
        if g.datum <= peildatum and g.naar_status:
            status = Status(g.naar_status)
    return status


def samenvatting(gemeente: Gemeente, peildatum: date) -> dict:
    """Counts per status, how many are past each norm, the size distribution of waiting
    households (incl. expected nareizigers) and the persons and dwellings moved per month, at
    the peildatum. Plain numbers: callers that show them to the province or the taskforce hide
    small counts (``verberg``). Three queries."""
    huishoudens = list(Huishouden.objects.filter(gemeente=gemeente).order_by("pk"))
    per_huishouden: dict[int, list] = defaultdict(list)
    for g in (
        HuishoudenGebeurtenis.objects.filter(huishouden__gemeente=gemeente)
        .only("huishouden_id", "datum", "naar_status", "soort", "personen")
        .order_by("huishouden_id", "vastgelegd_op", "pk")
    ):
        per_huishouden[g.huishouden_id].append(g)
    per_status = dict.fromkeys((s.value for s in Status), 0)
    te_laat = {"contract": 0, "verhuizing": 0}
    grootte = dict.fromkeys(HH.GROOTTEKLASSEN, 0)
    wachtende_personen = 0
    verhuisd: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for h in huishoudens:
        gebeurtenissen = per_huishouden.get(h.pk, [])
        status = _status_op(h, gebeurtenissen, peildatum)
        if status is None:
            continue
        per_status[status.value] += 1
        laat = HH.te_laat(status, h.koppeldatum, peildatum)
        for norm, ja in laat.items():
            te_laat[norm] += int(ja)
        if status in HH.WACHTEND:
            aangekomen = sum(
                g.personen
                for g in gebeurtenissen
                if g.soort == "nareizigers" and g.datum <= peildatum
            )
            later = h.nareizigers_aangekomen - aangekomen
            personen = h.volwassenen + h.kinderen + aangekomen + h.nareizigers_verwacht + later
            grootte[HH.grootteklasse(personen)] += 1
            wachtende_personen += personen
        for g in gebeurtenissen:
            if g.datum > peildatum:
                continue
            if g.soort == "verhuizen":
                maand = str(Maand.van(g.datum))
                verhuisd[maand][0] += g.personen
                verhuisd[maand][1] += 1
            elif g.soort == "nareizigers" and h.sleuteldatum and g.datum > h.sleuteldatum:
                verhuisd[str(Maand.van(g.datum))][0] += g.personen
    for t in HuishoudenTelling.objects.filter(gemeente=gemeente, maand__lte=peildatum):
        if t.status == "verhuisd":
            per_status["verhuisd"] += t.huishoudens
            verhuisd[str(Maand.van(t.maand))][0] += t.personen
            verhuisd[str(Maand.van(t.maand))][1] += t.huishoudens
        elif t.status == "uitgevallen":
            per_status["uitgevallen"] += t.huishoudens
        else:
            verhuisd[str(Maand.van(t.maand))][0] += t.personen
    return {
        "gemeente": {"cbs_code": gemeente.cbs_code, "naam": gemeente.naam},
        "peildatum": peildatum.isoformat(),
        "per_status": per_status,
        "voorbij_norm": {
            "huurcontract_10_weken": te_laat["contract"],
            "verhuizing_12_weken": te_laat["verhuizing"],
        },
        "wachtend_per_grootte": grootte,
        "wachtende_personen": wachtende_personen,
        "verhuisd_per_maand": [
            {"maand": m, "personen": p, "woningen": w} for m, (p, w) in sorted(verhuisd.items())
        ],
    }


_TEKST = ("cbs_code", "naam", "maand")


def verberg(samenvatting_: dict) -> dict:
    """The summary as the province, the taskforce and the beheerder see it: every count from 1
    to 4 as "<5" (a small count can point at one family)."""

    def maskeer(waarde):
        if isinstance(waarde, bool):
            return waarde
        if isinstance(waarde, int):
            return HH.verberg_klein(waarde)
        if isinstance(waarde, dict):
            return {
                k: (v if k in ("cbs_code", "naam", "maand") else maskeer(v))
                for k, v in waarde.items()
            }
        if isinstance(waarde, list):
            return [maskeer(v) for v in waarde]
        return waarde

    return {
        k: (v if k in ("gemeente", "peildatum") else maskeer(v)) for k, v in samenvatting_.items()
    }


def samenvatting_voor(user, gemeente: Gemeente, peildatum: date) -> dict:
    """The summary as this user may see it: the opgaveteam of the gemeente exact; everyone
    else (corporatie, provincie, taskforce, beheerder) with counts below 5 as "<5"."""
    s = samenvatting(gemeente, peildatum)
    if toegang.huishoudeninzicht(user, gemeente) == toegang.Huishoudeninzicht.VOLLEDIG:
        return s | {"kleine_aantallen_verborgen": False}
    return verberg(s) | {"kleine_aantallen_verborgen": True}
