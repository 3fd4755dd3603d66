"""Scenario parameters: what a scenario changes against the basis (no Django import).

A scenario is a named set of overrides; a parameter left empty keeps the figures as entered.
Overrides apply to the months still to forecast only: history stays what it was.

- ``bezetting``: persons per dwelling for every planned and capacity dwelling;
- ``aandeel_urgenten`` (share of mutaties to urgenten), optionally changing to
  ``aandeel_urgenten_na`` from ``wisseldatum`` (seed 000 r. 78: 40% until 1 jul, then 35%);
- ``aandeel_vh``: share of urgent allocations to VH (seed 000 r. 72: two thirds);
- ``extra_woningen``: extra dwellings per action per month, in every month still to forecast
  up to the last milestone.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal, InvalidOperation
from fractions import Fraction

from kern import opmaak
from kern.aanbod import Aandeel, parse_aandeel
from prognose.rekenen.gegevens import Afspraak

BEGIN = date(1900, 1, 1)
MIN_BEZETTING, MAX_BEZETTING = Decimal("0.5"), Decimal("10")
MAX_EXTRA = 1000
_SLUG_RE = re.compile(r"[^a-z0-9]+")


@dataclass(frozen=True)
class Parameters:
    bezetting: Decimal | None = None
    aandeel_urgenten: Fraction | None = None
    aandeel_urgenten_na: Fraction | None = None
    wisseldatum: date | None = None
    aandeel_vh: Fraction | None = None
    extra_woningen: tuple[tuple[str, int], ...] = ()  # (ActieType code, dwellings per month)

    @property
    def leeg(self) -> bool:
        return self == Parameters()

    def extra(self, code: str) -> int:
        return dict(self.extra_woningen).get(code, 0)


def slug(naam: str) -> str:
    return _SLUG_RE.sub("-", naam.strip().lower()).strip("-")[:60]


def _aandeel_tekst(f: Fraction) -> str:
    return f"{f.numerator}/{f.denominator}"


def canonieke_bezetting(b: Decimal) -> Decimal:
    """One value for one number, however it was typed: "2", "2,0" and "2,00" give 2, "2,20"
    gives 2.2, "10" gives 10 (not 1E+1)."""
    b = b.quantize(Decimal("0.01")).normalize()
    return b.quantize(Decimal(1)) if b == b.to_integral_value() else b


def als_dict(p: Parameters) -> dict:
    """JSON-safe, canonical (the same parameters give the same dict, so the same hash)."""
    d: dict = {}
    if p.bezetting is not None:
        d["bezetting"] = format(canonieke_bezetting(p.bezetting), "f")
    if p.aandeel_urgenten is not None:
        d["aandeel_urgenten"] = _aandeel_tekst(p.aandeel_urgenten)
    if p.aandeel_urgenten_na is not None:
        d["aandeel_urgenten_na"] = _aandeel_tekst(p.aandeel_urgenten_na)
    if p.wisseldatum is not None:
        d["wisseldatum"] = p.wisseldatum.isoformat()
    if p.aandeel_vh is not None:
        d["aandeel_vh"] = _aandeel_tekst(p.aandeel_vh)
    extra = {code: n for code, n in sorted(p.extra_woningen) if n}
    if extra:
        d["extra_woningen"] = extra
    return d


def uit_dict(d: dict) -> Parameters:
    """Read stored parameters; raises ValueError (Dutch) on anything invalid."""
    p, fouten = lees(
        {
            "bezetting": d.get("bezetting", ""),
            "aandeel_urgenten": d.get("aandeel_urgenten", ""),
            "aandeel_urgenten_na": d.get("aandeel_urgenten_na", ""),
            "wisseldatum": d.get("wisseldatum", ""),
            "aandeel_vh": d.get("aandeel_vh", ""),
            **{f"extra_{k}": str(v) for k, v in (d.get("extra_woningen") or {}).items()},
        }
    )
    if fouten:
        raise ValueError("; ".join(fouten.values()))
    return p


def _tekst(gegevens, naam: str) -> str:
    waarde = gegevens.get(naam, "")
    return (waarde or "").strip() if isinstance(waarde, str) else str(waarde)


def lees(gegevens) -> tuple[Parameters, dict[str, str]]:
    """Parameters from a form (a QueryDict or dict of strings): (parameters, field -> error).

    Empty fields keep the basis. Dutch messages; nothing here raises for bad input.
    """
    fouten: dict[str, str] = {}
    waarden: dict = {}

    tekst = _tekst(gegevens, "bezetting").replace(",", ".")
    if tekst:
        try:
            b = Decimal(tekst)
            if not b.is_finite():
                raise InvalidOperation
        except InvalidOperation:
            fouten["bezetting"] = "Vul de bezetting in als getal, bijvoorbeeld 2,2."
        else:
            if not MIN_BEZETTING <= b <= MAX_BEZETTING:
                fouten["bezetting"] = (
                    "Kies een bezetting van 0,5 tot en met 10 personen per woning."
                )
            elif b != b.quantize(Decimal("0.01")):
                fouten["bezetting"] = "Gebruik hoogstens twee decimalen, bijvoorbeeld 2,15."
            else:
                waarden["bezetting"] = canonieke_bezetting(b)

    for veld in ("aandeel_urgenten", "aandeel_urgenten_na", "aandeel_vh"):
        tekst = _tekst(gegevens, veld)
        if tekst:
            try:
                waarden[veld] = parse_aandeel(tekst)
            except ValueError as exc:
                fouten[veld] = str(exc)

    tekst = _tekst(gegevens, "wisseldatum")
    if tekst:
        try:
            waarden["wisseldatum"] = date.fromisoformat(tekst)
        except ValueError:
            fouten["wisseldatum"] = f"'{tekst}' is geen datum; gebruik de vorm JJJJ-MM-DD."
    heeft_na = "aandeel_urgenten_na" in waarden or "aandeel_urgenten_na" in fouten
    heeft_wissel = "wisseldatum" in waarden or "wisseldatum" in fouten
    if heeft_na and not heeft_wissel:
        fouten["wisseldatum"] = "Vul ook de datum in vanaf wanneer het tweede aandeel geldt."
    if heeft_wissel and not heeft_na:
        fouten["aandeel_urgenten_na"] = "Vul ook het aandeel in dat vanaf de wisseldatum geldt."
    if heeft_na and "aandeel_urgenten" not in waarden and "aandeel_urgenten" not in fouten:
        fouten["aandeel_urgenten"] = "Vul ook het aandeel vóór de wisseldatum in."

    extra: list[tuple[str, int]] = []
    for sleutel in sorted(gegevens.keys()):
        if not sleutel.startswith("extra_"):
            continue
        code = sleutel.removeprefix("extra_")
        tekst = _tekst(gegevens, sleutel)
        if not tekst:
            continue
        if not re.fullmatch(r"[a-z0-9_]{1,40}", code):
            fouten[sleutel] = "Onbekende actie."
            continue
        try:
            n = int(tekst)
        except ValueError:
            fouten[sleutel] = "Vul een heel aantal woningen per maand in, bijvoorbeeld 2."
            continue
        if not 0 <= n <= MAX_EXTRA:
            fouten[sleutel] = f"Kies 0 tot en met {MAX_EXTRA} extra woningen per maand."
            continue
        if n:
            extra.append((code, n))
    if fouten:
        return Parameters(), fouten
    return Parameters(extra_woningen=tuple(extra), **waarden), {}


def als_formulier(p: Parameters) -> dict[str, str]:
    """The form's initial values for saved parameters (Dutch notation)."""

    def pct(f: Fraction | None) -> str:
        if f is None:
            return ""
        waarde = f * 100
        if waarde.denominator == 1:
            return f"{waarde.numerator}%"
        return f"{f.numerator}/{f.denominator}"

    d = {
        "bezetting": "" if p.bezetting is None else str(p.bezetting).replace(".", ","),
        "aandeel_urgenten": pct(p.aandeel_urgenten),
        "aandeel_urgenten_na": pct(p.aandeel_urgenten_na),
        "wisseldatum": "" if p.wisseldatum is None else p.wisseldatum.isoformat(),
        "aandeel_vh": pct(p.aandeel_vh),
    }
    for code, n in p.extra_woningen:
        d[f"extra_{code}"] = str(n)
    return d


def afspraken_met(
    afspraken: Sequence[Afspraak], p: Parameters, vanaf: date
) -> tuple[Afspraak, ...]:
    """The gemeente's shares with the scenario's shares in force from ``vanaf`` on.

    Before ``vanaf`` (history) the agreements stay as entered; from then on a scenario share
    replaces every agreement of its kind, general or per corporatie.
    """

    def afkappen(a: Afspraak) -> Afspraak | None:
        if a.aandeel.geldig_vanaf >= vanaf:
            return None
        tot = a.aandeel.geldig_tot
        if tot is not None and tot <= vanaf:
            return a
        return replace(a, aandeel=Aandeel(a.aandeel.waarde, a.aandeel.geldig_vanaf, vanaf))

    nieuw: list[Afspraak] = []
    vervangen: set[str] = set()
    if p.aandeel_urgenten is not None:
        vervangen.add("aandeel_urgenten")
        if p.wisseldatum is not None and p.aandeel_urgenten_na is not None:
            wissel = max(p.wisseldatum, vanaf)
            if wissel > vanaf:
                nieuw.append(
                    Afspraak("aandeel_urgenten", None, Aandeel(p.aandeel_urgenten, vanaf, wissel))
                )
            nieuw.append(Afspraak("aandeel_urgenten", None, Aandeel(p.aandeel_urgenten_na, wissel)))
        else:
            nieuw.append(Afspraak("aandeel_urgenten", None, Aandeel(p.aandeel_urgenten, vanaf)))
    if p.aandeel_vh is not None:
        vervangen.add("aandeel_vh")
        nieuw.append(Afspraak("aandeel_vh", None, Aandeel(p.aandeel_vh, vanaf)))
    gehouden: list[Afspraak] = []
    for a in afspraken:
        if a.soort in vervangen:
            a = afkappen(a)
            if a is None:
                continue
        gehouden.append(a)
    return tuple(gehouden + nieuw)


def beschrijving(p: Parameters, actienamen: dict[str, str] | None = None) -> list[str]:
    """The overrides in Dutch, one line each (empty for the basis)."""

    def aandeel(f: Fraction) -> str:
        if (f * 100).denominator == 1:
            return opmaak.procent(f)
        return f"{f.numerator}/{f.denominator}"

    regels: list[str] = []
    if p.bezetting is not None:
        regels.append(f"bezetting {opmaak.getal(p.bezetting, 2).rstrip('0').rstrip(',')}")
    if p.aandeel_urgenten is not None:
        tekst = f"naar urgenten {aandeel(p.aandeel_urgenten)}"
        if p.aandeel_urgenten_na is not None and p.wisseldatum is not None:
            tekst += f", vanaf {opmaak.datum(p.wisseldatum)} {aandeel(p.aandeel_urgenten_na)}"
        regels.append(tekst)
    if p.aandeel_vh is not None:
        regels.append(f"van de urgenten naar vergunninghouders {aandeel(p.aandeel_vh)}")
    namen = actienamen or {}
    for code, n in p.extra_woningen:
        regels.append(f"{namen.get(code, code)}: {n} extra woningen per maand")
    return regels
