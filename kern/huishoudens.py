"""Households between koppeling and move (issue 14): pure rules, no Django.

- the pseudonymous key (HMAC-SHA256 of COA's reference; the reference itself is never stored);
- the statuses and which change is allowed from which status;
- the norm: ten weeks from koppeling to a signed lease, two more to the move;
- size classes (1, 2, 3-4, 5+) and the needs as codes with Dutch labels;
- the month's realisation derived from the moves, in the shape of a realisation row (R4);
- small counts hidden ("<5") for the province and the taskforce.
"""

from __future__ import annotations

import hashlib
import hmac
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from enum import StrEnum

# --- the pseudonymous key ----------------------------------------------------------------------


def pseudoniem(referentie: str, sleutel: str) -> str:
    """HMAC-SHA256 (hex) of COA's reference with the secret ``sleutel``: the same reference gives
    the same key (an import can be repeated), without the secret it cannot be traced back.
    Spaces and case in the reference do not matter."""
    genormaliseerd = "".join(str(referentie).split()).upper()
    if not genormaliseerd:
        raise ValueError("Vul de referentie van COA in.")
    return hmac.new(sleutel.encode(), genormaliseerd.encode(), hashlib.sha256).hexdigest()


# --- statuses and changes ----------------------------------------------------------------------


class Status(StrEnum):
    GEKOPPELD = "gekoppeld"
    AANGEBODEN = "aangeboden"
    GETEKEND = "getekend"
    VERHUISD = "verhuisd"
    UITGEVALLEN = "uitgevallen"


STATUS_LABELS = {
    Status.GEKOPPELD: "Gekoppeld",
    Status.AANGEBODEN: "Woning aangeboden",
    Status.GETEKEND: "Huurcontract getekend",
    Status.VERHUISD: "Verhuisd",
    Status.UITGEVALLEN: "Uitgevallen",
}
WACHTEND = (Status.GEKOPPELD, Status.AANGEBODEN, Status.GETEKEND)


class Stap(StrEnum):
    """What can happen to a household; each step is one row in its history."""

    AANBIEDEN = "aanbieden"
    WEIGEREN = "weigeren"
    TEKENEN = "tekenen"
    VERHUIZEN = "verhuizen"
    UITVALLEN = "uitvallen"


STAP_LABELS = {
    Stap.AANBIEDEN: "Woning aanbieden",
    Stap.WEIGEREN: "Aanbod geweigerd",
    Stap.TEKENEN: "Huurcontract getekend",
    Stap.VERHUIZEN: "Verhuisd (sleutel overgedragen)",
    Stap.UITVALLEN: "Uitgevallen",
}

OVERGANGEN: dict[tuple[Status, Stap], Status] = {
    (Status.GEKOPPELD, Stap.AANBIEDEN): Status.AANGEBODEN,
    (Status.AANGEBODEN, Stap.WEIGEREN): Status.GEKOPPELD,
    (Status.AANGEBODEN, Stap.TEKENEN): Status.GETEKEND,
    (Status.GETEKEND, Stap.VERHUIZEN): Status.VERHUISD,
    (Status.GEKOPPELD, Stap.UITVALLEN): Status.UITGEVALLEN,
    (Status.AANGEBODEN, Stap.UITVALLEN): Status.UITGEVALLEN,
    (Status.GETEKEND, Stap.UITVALLEN): Status.UITGEVALLEN,
}


def mogelijke_stappen(status: Status | str) -> list[Stap]:
    return [stap for (van, stap) in OVERGANGEN if van == status]


def volgende_status(status: Status | str, stap: Stap | str) -> Status:
    """The status after ``stap``; ValueError with a Dutch message when it is not allowed."""
    status, stap = Status(status), Stap(stap)
    nieuw = OVERGANGEN.get((status, stap))
    if nieuw is None:
        mogelijk = ", ".join(STAP_LABELS[s].lower() for s in mogelijke_stappen(status))
        raise ValueError(
            f"'{STAP_LABELS[stap]}' kan niet bij een huishouden met status "
            f"'{STATUS_LABELS[status].lower()}'"
            + (f"; mogelijk is: {mogelijk}." if mogelijk else "; er is geen volgende stap.")
        )
    return nieuw


class Weigerreden(StrEnum):
    GROOTTE = "grootte"
    LIGGING = "ligging"
    HUUR = "huur"
    GEZONDHEID = "gezondheid"
    OVERIG = "overig"


WEIGERREDEN_LABELS = {
    Weigerreden.GROOTTE: "Woning past niet bij de grootte van het huishouden",
    Weigerreden.LIGGING: "Ligging (werk, school, familie)",
    Weigerreden.HUUR: "Huur te hoog",
    Weigerreden.GEZONDHEID: "Niet geschikt om medische redenen",
    Weigerreden.OVERIG: "Overig",
}


class Uitvalreden(StrEnum):
    ELDERS = "elders_gehuisvest"
    VERTROKKEN = "vertrokken"
    OVERIG = "overig"


UITVALREDEN_LABELS = {
    Uitvalreden.ELDERS: "Elders gehuisvest",
    Uitvalreden.VERTROKKEN: "Vertrokken",
    Uitvalreden.OVERIG: "Overig",
}

# --- route, needs, classes ---------------------------------------------------------------------

# The route a household takes to a home is the source of its realisation (R4): the same codes.
ROUTES = {
    "regulier": "Regulier, via een corporatie",
    "flexwoning": "Flexwoning",
    "aankoop": "Aankoop",
    "andere_verhuurder": "Andere verhuurder",
    "kamerverhuur": "Kamerverhuur of onzelfstandig",
    "doorstroomlocatie": "Doorstroomlocatie",
    "har": "HAR (hotel- en accommodatieregeling)",
    "amv": "AMV (Nidos)",
}

BEHOEFTEN = {
    "groot_gezin": "Groot gezin (5 of meer)",
    "gelijkvloers": "Gelijkvloers of rolstoel",
    "medisch": "Medische indicatie",
    "amv": "AMV via Nidos",
}
# Groot gezin follows from the size (incl. expected nareizigers); the others are entered.
INGEVOERDE_BEHOEFTEN = ("gelijkvloers", "medisch", "amv")
GROOT_GEZIN = 5

GROOTTEKLASSEN = ("1", "2", "3-4", "5+")
GROOTTEKLASSE_LABELS = {
    "1": "1 persoon",
    "2": "2 personen",
    "3-4": "3 of 4 personen",
    "5+": "5 of meer personen",
}
HUURKLASSEN = {
    "goedkoop": "Tot de kwaliteitskortingsgrens",
    "betaalbaar": "Tot de aftoppingsgrens",
    "duur": "Boven de aftoppingsgrens",
}


def grootteklasse(personen: int) -> str:
    if personen <= 1:
        return "1"
    if personen == 2:
        return "2"
    if personen <= 4:
        return "3-4"
    return "5+"


def behoeften(codes: Iterable[str], grootte_met_nareizigers: int) -> list[str]:
    """Every need in the order of BEHOEFTEN; groot gezin from the size."""
    gekozen = set(codes)
    if grootte_met_nareizigers >= GROOT_GEZIN:
        gekozen.add("groot_gezin")
    return [c for c in BEHOEFTEN if c in gekozen]


def controleer_behoeften(codes: Iterable[str]) -> list[str]:
    """The entered needs, in order; ValueError for an unknown code."""
    codes = list(codes)
    onbekend = [c for c in codes if c not in INGEVOERDE_BEHOEFTEN]
    if onbekend:
        raise ValueError(
            f"Onbekende behoefte '{onbekend[0]}'; kies uit {', '.join(INGEVOERDE_BEHOEFTEN)}."
        )
    return [c for c in INGEVOERDE_BEHOEFTEN if c in codes]


# --- the norm ----------------------------------------------------------------------------------

NORM_CONTRACT = timedelta(weeks=10)
NORM_VERHUIZING = timedelta(weeks=12)


@dataclass(frozen=True)
class Termijnen:
    contract: date  # the lease should be signed by this day
    verhuizing: date  # and the household moved in by this one

    @classmethod
    def van(cls, koppeldatum: date) -> Termijnen:
        return cls(koppeldatum + NORM_CONTRACT, koppeldatum + NORM_VERHUIZING)


def te_laat(status: Status | str, koppeldatum: date, vandaag: date) -> dict[str, bool]:
    """Which norm a waiting household is past on ``vandaag``: the day the ten (twelve) weeks
    are up, it is flagged. A signed lease meets the first norm; a move (or drop-out) both."""
    status = Status(status)
    t = Termijnen.van(koppeldatum)
    return {
        "contract": status in (Status.GEKOPPELD, Status.AANGEBODEN) and vandaag >= t.contract,
        "verhuizing": status in WACHTEND and vandaag >= t.verhuizing,
    }


def urgentie(status: Status | str, koppeldatum: date, vandaag: date) -> tuple:
    """Sort key, most urgent first: past both norms, past one, then the oldest koppeling."""
    laat = te_laat(status, koppeldatum, vandaag)
    return (-int(laat["verhuizing"]) - int(laat["contract"]), koppeldatum)


# --- realisation from moves --------------------------------------------------------------------


@dataclass(frozen=True)
class Verhuizing:
    """A household that moved (or nareizigers who arrived later) in one month."""

    route: str
    corporatie_id: int | None  # only with route 'regulier'
    personen: int
    woningen: int  # 1 for a household's move, 0 for nareizigers arriving later


@dataclass(frozen=True)
class AfgeleideRegel:
    bron: str
    corporatie_id: int | None
    personen_gehuisvest: int
    woningen: int


def realisatie_uit_verhuizingen(verhuizingen: Iterable[Verhuizing]) -> list[AfgeleideRegel]:
    """Persons housed and dwellings used per source (and corporatie), as a month's realisation
    rows. Whether the persons count follows the counting rule of the source (R4), applied where
    the row is written."""
    personen: Counter = Counter()
    woningen: Counter = Counter()
    for v in verhuizingen:
        sleutel = (v.route, v.corporatie_id if v.route == "regulier" else None)
        personen[sleutel] += v.personen
        woningen[sleutel] += v.woningen
    volgorde = list(ROUTES)
    return [
        AfgeleideRegel(bron, corporatie, personen[(bron, corporatie)], woningen[(bron, corporatie)])
        for bron, corporatie in sorted(personen, key=lambda s: (volgorde.index(s[0]), s[1] or 0))
    ]


# --- small counts --------------------------------------------------------------------------------

KLEIN = 5


def verberg_klein(aantal: int) -> str:
    """A count as the province and the taskforce see it: below 5 (but not 0) as '<5'."""
    return "<5" if 0 < aantal < KLEIN else str(aantal)


def tel_per(waarden: Iterable[str], sleutels: Iterable[str]) -> dict[str, int]:
    teller: defaultdict[str, int] = defaultdict(int)
    for w in waarden:
        teller[w] += 1
    return {s: teller[s] for s in sleutels}


# --- does the supply fit? (issue 14 §9) ---------------------------------------------------------

WEKEN_PER_MAAND = Decimal("4.345")  # 365.25 / 12 / 7
HORIZON_MAANDEN = 3


@dataclass(frozen=True)
class Passing:
    klasse: str
    wachtend: int  # waiting households of this size (incl. expected nareizigers)
    aanbod: Decimal | None  # dwellings expected for VH in the next three months; None: unknown
    per_maand: Decimal | None

    @property
    def tekort(self) -> Decimal | None:
        """Households left waiting after three months of the expected supply (0: enough)."""
        if self.aanbod is None:
            return None
        return max(Decimal(0), self.wachtend - self.aanbod)

    @property
    def weken(self) -> Decimal | None:
        """Weeks to house the waiting households of this size at the expected rate; None when
        nothing comes free (or unknown) and someone waits."""
        if self.per_maand is None or self.per_maand == 0:
            return Decimal(0) if self.wachtend == 0 else None
        return Decimal(self.wachtend) / self.per_maand * WEKEN_PER_MAAND


def past_het_aanbod(
    wachtend: dict[str, int], per_maand: dict[str, Decimal | None]
) -> list[Passing]:
    """Per size class: waiting households against dwellings expected per month for VH."""
    uitkomst = []
    for klasse in GROOTTEKLASSEN:
        m = per_maand.get(klasse)
        uitkomst.append(
            Passing(
                klasse,
                wachtend.get(klasse, 0),
                None if m is None else m * HORIZON_MAANDEN,
                m,
            )
        )
    return uitkomst
