"""Months and half-years as values. Pure Python: no Django import (DESIGN.md §6)."""

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
        return f"{self.jaar:04d}-{self.nummer:02d}"


def maanden(van: Maand, tot_en_met: Maand) -> list[Maand]:
    if tot_en_met < van:
        return []
    return [van.plus(i) for i in range(van.tot(tot_en_met) + 1)]


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
