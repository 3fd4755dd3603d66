"""Official figures (issue 15): art. 29 for all gemeenten at once, population by CBS code
across renames and mergers, the regional exchange (art. 29 lid 2). Pure Python, no Django.

Art. 29 Huisvestingswet 2014: the quota of a gemeente for a half-year is the national number
times the inhabitants of the gemeente divided by the inhabitants of the Netherlands, on 1
January of the year before the half-year (CBS), rounded up (``regels.taakstelling_art29``).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date

from kern.regels import taakstelling_art29

NEDERLAND = "NL01"  # the CBS region code of the whole country (StatLine "RegioS")


def peiljaar(jaar: int) -> int:
    """Art. 29: the inhabitants on 1 January of the year before the half-year's year."""
    return jaar - 1


@dataclass(frozen=True, slots=True)
class Opvolging:
    """A CBS code that stopped on ``datum`` (exclusive: it no longer exists on that day) and
    went into ``nieuw`` (a merger, or a new code after a rename)."""

    oud: str
    nieuw: str
    datum: date


def inwoners_op(
    code: str,
    jaar: int,
    bevolking: Mapping[tuple[str, int], int],
    opvolgingen: Iterable[Opvolging] = (),
) -> int | None:
    """Inhabitants of ``code`` on 1 January of ``jaar``; None when unknown.

    A gemeente that did not exist yet on that date (it was formed later by a merger or a new
    code) has the sum of the codes that went into it after that date, each of them again
    followed back. Unknown if any predecessor's figure is missing: a partial sum is not a
    figure."""
    eigen = bevolking.get((code, jaar))
    if eigen is not None:
        return eigen
    peildatum = date(jaar, 1, 1)
    voorgangers = [o.oud for o in opvolgingen if o.nieuw == code and o.datum > peildatum]
    if not voorgangers:
        return None
    opvolgingen = list(opvolgingen)
    delen = [inwoners_op(v, jaar, bevolking, opvolgingen) for v in voorgangers]
    if any(d is None for d in delen):
        return None
    return sum(d for d in delen if d is not None)


@dataclass(frozen=True, slots=True)
class Voorstel:
    code: str
    inwoners: int | None
    taakstelling: int | None  # None: no population figure, so no proposal


def art29_verdeling(
    landelijk: int, inwoners: Mapping[str, int | None], inwoners_nl: int
) -> list[Voorstel]:
    """Every gemeente's quota from one national number (each rounded up, so the sum is at or
    a little above the national number)."""
    return [
        Voorstel(
            code,
            n,
            None if n is None else taakstelling_art29(landelijk, n, inwoners_nl),
        )
        for code, n in sorted(inwoners.items())
    ]


def landelijk_bereik(taakstelling: int, inwoners: int, inwoners_nl: int) -> tuple[int, int]:
    """The national numbers that give exactly this quota by art. 29 (inclusive bounds).

    ceil(L x g / n) = t  <=>  (t - 1) x n < L x g <= t x n."""
    if inwoners <= 0 or inwoners_nl <= 0 or taakstelling <= 0:
        raise ValueError("aantallen moeten positief zijn")
    laagste = (taakstelling - 1) * inwoners_nl // inwoners + 1
    hoogste = taakstelling * inwoners_nl // inwoners
    return laagste, hoogste


def na_uitruil(opgaven: Mapping[str, int], neemt_over: str, draagt_over: str, personen: int):
    """Art. 29 lid 2: ``neemt_over`` takes ``personen`` of ``draagt_over``'s quota. Both
    change by the same number, so the sum over the province stays the same."""
    if neemt_over == draagt_over:
        raise ValueError("een gemeente kan niet met zichzelf uitruilen")
    if personen <= 0:
        raise ValueError("het aantal personen moet positief zijn")
    if opgaven[draagt_over] < personen:
        raise ValueError("een gemeente kan niet meer overdragen dan haar taakstelling")
    uitkomst = dict(opgaven)
    uitkomst[neemt_over] += personen
    uitkomst[draagt_over] -= personen
    return uitkomst
