"""Months and half-years as values. Pure Python: no Django import (docs/ARCHITECTURE.md)."""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date

MAANDNAMEN = (
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
)
MAANDNAMEN_KORT = (
    "jan",
    "feb",
    "mrt",
    "apr",
    "mei",
    "jun",
    "jul",
    "aug",
    "sep",
    "okt",
    "nov",
    "dec",
)

_MAAND_RE = re.compile(r"^(\d{4})-(\d{2})$")
_MAAND_ASCII = re.compile(r"([0-9]{4})-([0-9]{2})")

# The months and dates the product keeps figures for: the one definition of the bounds
# (entry, URLs, import, forms). Maand itself allows a wider range for arithmetic.
EERSTE_JAAR = 2000
LAATSTE_JAAR = 2100
GEEN_DATUM_IN_BEREIK = f"Kies een datum tussen {EERSTE_JAAR} en {LAATSTE_JAAR}."
# A birth month (AMV cohorts): someone housed as a minor from EERSTE_JAAR on was born at
# most 21 years earlier.
EERSTE_GEBOORTEJAAR = EERSTE_JAAR - 21
_HALFJAAR_RE = re.compile(r"^(\d{4})-H([12])$")


@dataclass(frozen=True, order=True, slots=True)
class Maand:
    jaar: int
    nummer: int

    def __post_init__(self) -> None:
        if not 1 <= self.nummer <= 12:
            raise ValueError(f"maand {self.nummer} bestaat niet")
        if not 1900 <= self.jaar <= 2200:
            raise ValueError(f"jaar {self.jaar} valt buiten het bereik")

    @classmethod
    def van(cls, d: date) -> Maand:
        return cls(d.year, d.month)

    @classmethod
    def parse(cls, tekst: str) -> Maand:
        """'2023-05' -> Maand(2023, 5); anything else is a ValueError with a Dutch message."""
        m = _MAAND_RE.match(tekst.strip())
        if not m:
            raise ValueError(f"'{tekst}' is geen maand in de vorm JJJJ-MM")
        return cls(int(m.group(1)), int(m.group(2)))

    @classmethod
    def lees(cls, tekst: object, *, eerste_jaar: int = EERSTE_JAAR) -> Maand:
        """What a user or a URL gives as a month: 'JJJJ-MM' with ASCII digits, from January
        ``eerste_jaar`` (EERSTE_JAAR; EERSTE_GEBOORTEJAAR for a birth month) to December
        LAATSTE_JAAR. ValueError with a Dutch message otherwise."""
        t = ("" if tekst is None else str(tekst)).strip()
        m = _MAAND_ASCII.fullmatch(t)
        if m is None or not 1 <= int(m.group(2)) <= 12:
            kort = t if len(t) <= 20 else t[:19] + "…"
            raise ValueError(f"'{kort}' is geen maand; schrijf bijvoorbeeld 2023-05.")
        jaar = int(m.group(1))
        if not eerste_jaar <= jaar <= LAATSTE_JAAR:
            raise ValueError(
                f"Kies een maand tussen januari {eerste_jaar} en december {LAATSTE_JAAR}."
            )
        return cls(jaar, int(m.group(2)))

    @property
    def eerste_dag(self) -> date:
        return date(self.jaar, self.nummer, 1)

    @property
    def laatste_dag(self) -> date:
        return date(self.jaar, self.nummer, calendar.monthrange(self.jaar, self.nummer)[1])

    @property
    def dagen(self) -> int:
        return calendar.monthrange(self.jaar, self.nummer)[1]

    @property
    def halfjaar(self) -> Halfjaar:
        return Halfjaar(self.jaar, 1 if self.nummer <= 6 else 2)

    def plus(self, n: int) -> Maand:
        index = self.jaar * 12 + (self.nummer - 1) + n
        return Maand(index // 12, index % 12 + 1)

    def tot(self, andere: Maand) -> int:
        """Months from self to andere (positive when andere is later)."""
        return (andere.jaar - self.jaar) * 12 + (andere.nummer - self.nummer)

    @property
    def naam(self) -> str:
        return f"{MAANDNAMEN[self.nummer - 1]} {self.jaar}"

    @property
    def kort(self) -> str:
        return f"{MAANDNAMEN_KORT[self.nummer - 1]} {self.jaar}"

    def __str__(self) -> str:
        # Called ~100,000 times per national recompute (the snapshots' JSON): a table lookup
        # instead of formatting (the jaar range is checked in __post_init__).
        return _TEKSTEN[(self.jaar - 1900) * 12 + self.nummer - 1]


_TEKSTEN = tuple(f"{j:04d}-{n:02d}" for j in range(1900, 2201) for n in range(1, 13))


def maanden(van: Maand, tot_en_met: Maand) -> list[Maand]:
    if tot_en_met < van:
        return []
    return [van.plus(i) for i in range(van.tot(tot_en_met) + 1)]


EERSTE_MAAND = Maand(EERSTE_JAAR, 1)
LAATSTE_MAAND = Maand(LAATSTE_JAAR, 12)


def datum_fout(d: date) -> str | None:
    """A date outside the years the product keeps (a typing error such as 0202-10-01)."""
    if not EERSTE_JAAR <= d.year <= LAATSTE_JAAR:
        return GEEN_DATUM_IN_BEREIK
    return None


def te_openen_maand(laatste: Maand | None, *, hoogstens: Maand, zonder: Maand) -> Maand:
    """The month an entry page opens: the one after the last entered month ``laatste``, but
    no later than ``hoogstens``; ``zonder`` when nothing was entered yet.

    Realisation: at most the month that just ended (a gemeente enters a month after it);
    supply: at most the current month (a corporatie may enter the running month)."""
    if laatste is None:
        return zonder
    return min(laatste.plus(1), hoogstens)


def maandnavigatie(maand: Maand, *, laatste: Maand) -> tuple[Maand | None, Maand | None]:
    """(previous, next) month for the arrows of an entry page; None where there is none
    (before EERSTE_MAAND, or after ``laatste``, the last month that may be opened)."""
    vorige = maand.plus(-1) if maand > EERSTE_MAAND else None
    volgende = maand.plus(1) if maand < min(laatste, LAATSTE_MAAND) else None
    return vorige, volgende


def laatste_afgesloten_maand(peildatum: date) -> Maand:
    """Figures are known up to the peildatum: the last month that ended before it."""
    return Maand.van(peildatum).plus(-1)


@dataclass(frozen=True, order=True, slots=True)
class Halfjaar:
    jaar: int
    helft: int

    def __post_init__(self) -> None:
        if self.helft not in (1, 2):
            raise ValueError("een halfjaar is H1 of H2")

    @classmethod
    def parse(cls, tekst: str) -> Halfjaar:
        m = _HALFJAAR_RE.match(tekst.strip().upper())
        if not m:
            raise ValueError(f"'{tekst}' is geen halfjaar in de vorm JJJJ-H1 of JJJJ-H2")
        return cls(int(m.group(1)), int(m.group(2)))

    @classmethod
    def lees(cls, tekst: object) -> Halfjaar:
        """'2023-H1' from a URL: ASCII digits, EERSTE_JAAR..LAATSTE_JAAR; ValueError else."""
        t = ("" if tekst is None else str(tekst)).strip().upper()
        m = re.fullmatch(r"([0-9]{4})-H([12])", t)
        if m is None or not EERSTE_JAAR <= int(m.group(1)) <= LAATSTE_JAAR:
            raise ValueError(f"'{t[:20]}' is geen halfjaar in de vorm JJJJ-H1 of JJJJ-H2")
        return cls(int(m.group(1)), int(m.group(2)))

    @classmethod
    def van(cls, d: date) -> Halfjaar:
        return cls(d.year, 1 if d.month <= 6 else 2)

    @property
    def eerste_maand(self) -> Maand:
        return Maand(self.jaar, 1 if self.helft == 1 else 7)

    @property
    def laatste_maand(self) -> Maand:
        return Maand(self.jaar, 6 if self.helft == 1 else 12)

    @property
    def begin(self) -> date:
        return self.eerste_maand.eerste_dag

    @property
    def einde(self) -> date:
        return self.laatste_maand.laatste_dag

    @property
    def maanden(self) -> list[Maand]:
        return maanden(self.eerste_maand, self.laatste_maand)

    def plus(self, n: int) -> Halfjaar:
        index = self.jaar * 2 + (self.helft - 1) + n
        return Halfjaar(index // 2, index % 2 + 1)

    @property
    def naam(self) -> str:
        return f"{'eerste' if self.helft == 1 else 'tweede'} helft {self.jaar}"

    def __str__(self) -> str:
        return f"{self.jaar}-H{self.helft}"
