"""Plotly figures as SVG for the PDF, drawn here in Python: no browser.

The same figure dicts the browser draws with plotly.js (``rapportage/charts.py``): this
module draws the part of plotly those figures use (scatter traces with lines, markers, text
and a filled band; horizontal bars with their text; category and linear axes, titles, a
horizontal legend) as plain SVG that WeasyPrint embeds as vector graphics, with its text as
text. Issue 11: kaleido started a headless Chromium for every first chart of a process
(3-8 s, 22 s for a first PDF on a loaded machine); this takes a few milliseconds, and a
drawing is kept per process, keyed on a hash of the figure and its size, so the same figure
again costs nothing.

Numbers on the axes are Dutch (1.234; 2,5), as the figure's ``separators`` ask.
"""

from __future__ import annotations

import hashlib
import json
import math
import threading
from collections import OrderedDict
from xml.sax.saxutils import escape

from kern import opmaak

_BEWAARD: OrderedDict[str, str] = OrderedDict()
_MAX_BEWAARD = 64
_slot = threading.Lock()

STREEPJES = {"dash": "9,5", "dot": "2,4", "dashdot": "9,4,2,4", "longdash": "14,6"}
LETTER = "DejaVu Sans, Arial, sans-serif"


def sleutel(figuur: dict, breedte: int, hoogte: int) -> str:
    """The hash of what is drawn: the same figure at the same size is the same drawing."""
    tekst = json.dumps(figuur, sort_keys=True, default=str, ensure_ascii=False)
    return hashlib.sha256(f"{breedte}x{hoogte}:{tekst}".encode()).hexdigest()


def svg(figuur: dict, breedte: int = 900, hoogte: int = 420) -> str:
    """The figure as an SVG document (from this process's store when drawn before)."""
    k = sleutel(figuur, breedte, hoogte)
    with _slot:
        if k in _BEWAARD:
            _BEWAARD.move_to_end(k)
            return _BEWAARD[k]
    tekening = Tekening(figuur, breedte, hoogte).svg()
    with _slot:
        _BEWAARD[k] = tekening
        while len(_BEWAARD) > _MAX_BEWAARD:
            _BEWAARD.popitem(last=False)
    return tekening


def _getal(x) -> float | None:
    if x is None:
        return None
    try:
        f = float(x)
    except (TypeError, ValueError):
        return None
    return None if math.isnan(f) else f


def _stap(bereik: float, aantal: int = 6) -> float:
    """A round tick step (1, 2 or 5 times a power of ten) giving about ``aantal`` ticks."""
    if bereik <= 0:
        return 1.0
    ruw = bereik / aantal
    macht = 10 ** math.floor(math.log10(ruw))
    for factor in (1, 2, 5, 10):
        if factor * macht >= ruw:
            return factor * macht
    return 10 * macht


def _tick(x: float, stap: float, achter: str = "") -> str:
    decimalen = 0 if stap >= 1 else min(3, -math.floor(math.log10(stap)))
    return opmaak.getal(x, decimalen) + achter


def _breedte_tekst(tekst: str, grootte: float) -> float:
    return 0.58 * grootte * len(tekst)


class Tekening:
    def __init__(self, figuur: dict, breedte: int, hoogte: int):
        self.data = figuur.get("data") or []
        self.layout = figuur.get("layout") or {}
        self.b = breedte
        self.h = hoogte
        font = self.layout.get("font") or {}
        self.grootte = float(font.get("size") or 13)
        self.kleur = font.get("color") or "#1a1a1a"
        marge = {"l": 60, "r": 20, "t": 50, "b": 60, **(self.layout.get("margin") or {})}
        self.x0 = marge["l"]
        self.x1 = max(self.x0 + 50, breedte - marge["r"])
        self.y0 = marge["t"]
        self.y1 = max(self.y0 + 50, hoogte - marge["b"])
        self.delen: list[str] = []

    # --- drawing primitives ----------------------------------------------------------------

    def tekst(self, x, y, tekst, *, grootte=None, anker="start", kleur=None, extra="") -> None:
        self.delen.append(
            f'<text x="{x:.1f}" y="{y:.1f}" font-size="{grootte or self.grootte:g}" '
            f'text-anchor="{anker}" fill="{kleur or self.kleur}"{extra}>{escape(str(tekst))}</text>'
        )

    def lijn(self, punten, kleur, breedte=2.0, streep=None) -> None:
        if len(punten) < 2 or breedte <= 0:
            return
        pad = " ".join(f"{x:.1f},{y:.1f}" for x, y in punten)
        streepjes = f' stroke-dasharray="{STREEPJES.get(streep, "")}"' if streep else ""
        self.delen.append(
            f'<polyline points="{pad}" fill="none" stroke="{kleur}" '
            f'stroke-width="{breedte:g}" stroke-linejoin="round"{streepjes}/>'
        )

    def merkteken(self, x, y, symbool, grootte, kleur) -> None:
        r = grootte / 2
        if symbool == "triangle-up":
            p = f"{x:.1f},{y - r:.1f} {x + r:.1f},{y + r * 0.8:.1f} {x - r:.1f},{y + r * 0.8:.1f}"
            self.delen.append(f'<polygon points="{p}" fill="{kleur}"/>')
        elif symbool == "diamond":
            p = f"{x:.1f},{y - r:.1f} {x + r:.1f},{y:.1f} {x:.1f},{y + r:.1f} {x - r:.1f},{y:.1f}"
            self.delen.append(f'<polygon points="{p}" fill="{kleur}"/>')
        elif symbool == "square":
            self.delen.append(
                f'<rect x="{x - r:.1f}" y="{y - r:.1f}" width="{2 * r:.1f}" '
                f'height="{2 * r:.1f}" fill="{kleur}"/>'
            )
        else:
            self.delen.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{r:.1f}" fill="{kleur}"/>')

    # --- the figure ----------------------------------------------------------------------------

    def svg(self) -> str:
        titel = (self.layout.get("title") or {}).get("text")
        if titel:
            grootte = ((self.layout.get("title") or {}).get("font") or {}).get("size") or 16
            self.tekst(8, 8 + grootte, titel, grootte=grootte, extra=' font-weight="bold"')
        if any(t.get("type") == "bar" for t in self.data):
            self._staven()
        else:
            self._lijnen()
        kop = (
            f'<svg xmlns="http://www.w3.org/2000/svg" width="{self.b}" height="{self.h}" '
            f'viewBox="0 0 {self.b} {self.h}" font-family="{LETTER}">'
            f'<rect width="{self.b}" height="{self.h}" fill="#ffffff"/>'
        )
        return kop + "".join(self.delen) + "</svg>"

    def _as_titels(self, x_titel: str | None, y_titel: str | None, y_ticks_breed: float) -> None:
        if x_titel:
            midden = (self.x0 + self.x1) / 2
            self.tekst(midden, self.y1 + 2.9 * self.grootte, x_titel, anker="middle")
        if y_titel:
            x = max(self.grootte, self.x0 - y_ticks_breed - 1.2 * self.grootte)
            y = (self.y0 + self.y1) / 2
            self.tekst(
                x, y, y_titel, anker="middle", extra=f' transform="rotate(-90 {x:.1f} {y:.1f})"'
            )

    def _legenda(self, items: list[tuple[str, dict]]) -> None:
        if not items or self.layout.get("showlegend") is False:
            return
        x = self.x0
        y = self.y1 + 4.6 * self.grootte
        for naam, trace in items:
            breed = 34 + _breedte_tekst(naam, self.grootte) + 18
            if x + breed > self.b and x > self.x0:
                x = self.x0
                y += 1.6 * self.grootte
            kleur = (trace.get("line") or {}).get("color") or (trace.get("marker") or {}).get(
                "color", "#444"
            )
            if trace.get("fill") == "tonexty":
                self.delen.append(
                    f'<rect x="{x:.1f}" y="{y - 9:.1f}" width="26" height="11" '
                    f'fill="{trace.get("fillcolor") or kleur}"/>'
                )
            else:
                modus = trace.get("mode", "lines")
                lijn = trace.get("line") or {}
                if "lines" in modus:
                    self.lijn(
                        [(x, y - 4), (x + 26, y - 4)],
                        kleur,
                        min(3.0, lijn.get("width", 2) or 2),
                        lijn.get("dash"),
                    )
                if "markers" in modus:
                    m = trace.get("marker") or {}
                    grootte = min(10, m.get("size", 7))
                    self.merkteken(x + 13, y - 4, m.get("symbol"), grootte, m.get("color", kleur))
            self.tekst(x + 32, y, naam)
            x += breed

    def _lijnen(self) -> None:
        xas = self.layout.get("xaxis") or {}
        yas = self.layout.get("yaxis") or {}
        categorieen = list(xas.get("categoryarray") or [])
        for t in self.data:
            for c in t.get("x") or []:
                if c not in categorieen:
                    categorieen.append(c)
        n = max(1, len(categorieen))
        slot = (self.x1 - self.x0) / n
        positie = {c: self.x0 + (i + 0.5) * slot for i, c in enumerate(categorieen)}
        waarden = [v for t in self.data for v in map(_getal, t.get("y") or []) if v is not None]
        bereik = yas.get("range")
        if bereik:
            laag, hoog = float(bereik[0]), float(bereik[1])
        else:
            laag, hoog = min([0.0, *waarden]), max([1.0, *waarden]) * 1.1
        hoog = hoog if hoog > laag else laag + 1

        def y_van(v: float) -> float:
            return self.y1 - (v - laag) / (hoog - laag) * (self.y1 - self.y0)

        # Grid and y ticks.
        stap = _stap(hoog - laag)
        v = math.ceil(laag / stap) * stap
        breedste = 0.0
        while v <= hoog + 1e-9:
            y = y_van(v)
            self.delen.append(
                f'<line x1="{self.x0}" y1="{y:.1f}" x2="{self.x1}" y2="{y:.1f}" '
                f'stroke="#e3e3e3" stroke-width="1"/>'
            )
            label = _tick(v, stap)
            breedste = max(breedste, _breedte_tekst(label, self.grootte))
            self.tekst(self.x0 - 6, y + self.grootte * 0.35, label, anker="end")
            v += stap
        self.delen.append(
            f'<line x1="{self.x0}" y1="{self.y1}" x2="{self.x1}" y2="{self.y1}" '
            f'stroke="#444" stroke-width="1"/>'
        )
        # Category labels, thinned when they would overlap.
        grootste = max((_breedte_tekst(str(c), self.grootte) for c in categorieen), default=0)
        elke = max(1, math.ceil((grootste + 8) / slot)) if slot > 0 else 1
        for i, c in enumerate(categorieen):
            if i % elke == 0:
                self.tekst(positie[c], self.y1 + 1.4 * self.grootte, c, anker="middle")
        self._as_titels(
            (xas.get("title") or {}).get("text"), (yas.get("title") or {}).get("text"), breedste
        )

        punten_per_trace: list[list[tuple[float, float]]] = []
        legenda: list[tuple[str, dict]] = []
        for t in self.data:
            punten = [
                (positie[c], y_van(v))
                for c, v in zip(t.get("x") or [], map(_getal, t.get("y") or []), strict=False)
                if v is not None and c in positie
            ]
            if t.get("fill") == "tonexty" and punten_per_trace:
                onder = punten_per_trace[-1]
                vlak = punten + list(reversed(onder))
                pad = " ".join(f"{x:.1f},{y:.1f}" for x, y in vlak)
                self.delen.append(
                    f'<polygon points="{pad}" fill="{t.get("fillcolor") or "#ccc"}" stroke="none"/>'
                )
            punten_per_trace.append(punten)
        for t, punten in zip(self.data, punten_per_trace, strict=True):
            modus = t.get("mode", "lines")
            lijn = t.get("line") or {}
            kleur = lijn.get("color") or "#444"
            if "lines" in modus:
                # A missing value breaks the line (missing is not zero).
                stuk: list[tuple[float, float]] = []
                for c, v in zip(t.get("x") or [], map(_getal, t.get("y") or []), strict=False):
                    if v is None or c not in positie:
                        self.lijn(stuk, kleur, lijn.get("width", 2), lijn.get("dash"))
                        stuk = []
                    else:
                        stuk.append((positie[c], y_van(v)))
                self.lijn(stuk, kleur, lijn.get("width", 2), lijn.get("dash"))
            if "markers" in modus:
                m = t.get("marker") or {}
                for x, y in punten:
                    self.merkteken(x, y, m.get("symbol"), m.get("size", 6), m.get("color", kleur))
            if "text" in modus:
                teksten = list(t.get("text") or [])
                links = "left" in (t.get("textposition") or "")
                for (x, y), tekst in zip(punten, teksten, strict=False):
                    self.tekst(
                        x - 8 if links else x,
                        y - 10,
                        tekst,
                        anker="end" if links else "middle",
                    )
            if t.get("showlegend") is not False and t.get("name"):
                legenda.append((t["name"], t))
        self._legenda(legenda)

    def _staven(self) -> None:
        xas = self.layout.get("xaxis") or {}
        t = next(t for t in self.data if t.get("type") == "bar")
        namen = list(t.get("y") or [])
        waarden = [_getal(v) for v in t.get("x") or []]
        teksten = list(t.get("text") or [])
        kleuren = (t.get("marker") or {}).get("color") or "#0072B2"
        hoog = max([1.0, *[v for v in waarden if v is not None]])
        # Room on the right for the text outside the bars.
        tekstruimte = max((_breedte_tekst(x, self.grootte) for x in teksten), default=0)
        x1 = max(self.x0 + 80, self.x1 - max(0, tekstruimte - (self.b - self.x1)))
        stap = _stap(hoog)
        hoog = math.ceil(hoog / stap) * stap
        achter = xas.get("ticksuffix", "")

        def x_van(v: float) -> float:
            return self.x0 + v / hoog * (x1 - self.x0)

        v = 0.0
        while v <= hoog + 1e-9:
            x = x_van(v)
            self.delen.append(
                f'<line x1="{x:.1f}" y1="{self.y0}" x2="{x:.1f}" y2="{self.y1}" '
                f'stroke="#e3e3e3" stroke-width="1"/>'
            )
            self.tekst(x, self.y1 + 1.4 * self.grootte, _tick(v, stap, achter), anker="middle")
            v += stap
        n = max(1, len(namen))
        slot = (self.y1 - self.y0) / n
        for i, naam in enumerate(namen):  # plotly: the first category at the bottom
            y = self.y1 - (i + 0.5) * slot
            self.tekst(self.x0 - 8, y + self.grootte * 0.35, naam, anker="end")
            waarde = waarden[i] if i < len(waarden) else None
            kleur = kleuren[i] if isinstance(kleuren, list) and i < len(kleuren) else kleuren
            eind = self.x0
            if waarde is not None:
                eind = x_van(waarde)
                self.delen.append(
                    f'<rect x="{self.x0}" y="{y - slot * 0.35:.1f}" '
                    f'width="{max(0.0, eind - self.x0):.1f}" height="{slot * 0.7:.1f}" '
                    f'fill="{kleur}" stroke="#000000" stroke-width="1"/>'
                )
            if i < len(teksten):
                self.tekst(eind + 6, y + self.grootte * 0.35, teksten[i])
        self.delen.append(
            f'<line x1="{self.x0}" y1="{self.y0}" x2="{self.x0}" y2="{self.y1}" '
            f'stroke="#444" stroke-width="1"/>'
        )
        self._as_titels((xas.get("title") or {}).get("text"), None, 0)
