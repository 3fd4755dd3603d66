"""Plotly figure dicts built from the frames: the third layer (queries -> frames -> charts).

Pure: no Django import. The same dict goes to the browser (``json_script`` plus
``static/js/grafieken.js``, which calls plotly.js from our own static files) and to
``rapportage/exports/svg.py`` for the SVG in the PDF. Colours are Okabe-Ito (readable with
every common colour-vision deficiency) and never carry meaning alone: lines differ in dash
and marker, bars carry their status as text, and every chart has a table with the same
numbers beside it.
"""

from __future__ import annotations

from fractions import Fraction

import pandas as pd

from kern import opmaak

# Okabe & Ito (2008), "Color Universal Design".
ZWART = "#000000"
ORANJE = "#E69F00"
HEMELBLAUW = "#56B4E9"
BLAUWGROEN = "#009E73"
BLAUW = "#0072B2"
VERMILJOEN = "#D55E00"
PAARS = "#CC79A7"
GRIJS = "#8C8C8C"

STATUSKLEUR = {
    "op koers": BLAUWGROEN,
    "risico": ORANJE,
    "niet haalbaar": VERMILJOEN,
    "onbekend": GRIJS,
}
STATUSTEKEN = {"op koers": "✓", "risico": "!", "niet haalbaar": "✗", "onbekend": "?"}

LETTER = "system-ui, -apple-system, 'Segoe UI', Roboto, Arial, sans-serif"


def _getal(x) -> float | None:
    if x is None:
        return None
    return float(x) if isinstance(x, Fraction) else x


def _layout(titel: str, **extra) -> dict:
    layout = {
        "title": {"text": titel, "x": 0, "xanchor": "left", "font": {"size": 16}},
        "font": {"family": LETTER, "size": 13, "color": "#1a1a1a"},
        # Dutch number format: decimal comma, thousands point.
        "separators": ",.",
        "paper_bgcolor": "#ffffff",
        "plot_bgcolor": "#ffffff",
        "margin": {"l": 60, "r": 20, "t": 50, "b": 60},
        "legend": {"orientation": "h", "y": -0.18, "x": 0},
        "hovermode": "x unified",
    }
    layout.update(extra)
    return layout


def _smal(titel: str, **paden) -> dict:
    """Overrides for a narrow screen (static/js/grafieken.js applies them below 600 px), as
    plotly relayout paths: the title over two lines at its first colon, so it is never cut
    off, plus what the chart needs (shorter axis titles, the legend lower)."""
    return {
        "smal": {
            "title.text": titel.replace(": ", ":<br>", 1),
            "title.font.size": 14,
            "font.size": 11,
            **{pad.replace("__", "."): waarde for pad, waarde in paden.items()},
        }
    }


def cumulatief_figuur(df: pd.DataFrame, titel: str) -> dict:
    """Counted persons cumulative per month against the milestones, with the plan forecast
    and the P10-P90 band of the probability."""
    x = list(df["label"]) if len(df) else []
    data: list[dict] = []
    if len(df) and df["p10"].notna().any():
        band = df[df["p10"].notna()]
        data.append(
            {
                "type": "scatter",
                "name": "P10 (ondergrens band)",
                "x": list(band["label"]),
                "y": [_getal(v) for v in band["p10"]],
                "mode": "lines",
                "line": {"width": 0, "color": HEMELBLAUW},
                "showlegend": False,
                "hovertemplate": "P10: %{y:,.0f} personen<extra></extra>",
            }
        )
        data.append(
            {
                "type": "scatter",
                "name": "P10–P90 (kansband)",
                "x": list(band["label"]),
                "y": [_getal(v) for v in band["p90"]],
                "mode": "lines",
                "fill": "tonexty",
                "fillcolor": "rgba(86, 180, 233, 0.30)",
                "line": {"width": 0, "color": HEMELBLAUW},
                "hovertemplate": "P90: %{y:,.0f} personen<extra></extra>",
            }
        )
    if len(df):
        data.append(
            {
                "type": "scatter",
                "name": "Geteld gerealiseerd (cumulatief)",
                "x": x,
                "y": [_getal(v) for v in df["cumulatief"]],
                "mode": "lines+markers",
                "line": {"color": BLAUW, "width": 3},
                "marker": {"symbol": "circle", "size": 7},
                "hovertemplate": "Gerealiseerd: %{y:,.0f} personen<extra></extra>",
            }
        )
        data.append(
            {
                "type": "scatter",
                "name": "Prognose volgens plan",
                "x": x,
                "y": [_getal(v) for v in df["plan"]],
                "mode": "lines+markers",
                "line": {"color": VERMILJOEN, "width": 2, "dash": "dash"},
                "marker": {"symbol": "triangle-up", "size": 7},
                "hovertemplate": "Plan: %{y:,.1f} personen<extra></extra>",
            }
        )
        doelen = df[df["doel"].notna()]
        data.append(
            {
                "type": "scatter",
                "name": "Mijlpaal (doel)",
                "x": list(doelen["label"]),
                "y": [_getal(v) for v in doelen["doel"]],
                "mode": "markers+text",
                "marker": {"symbol": "diamond", "size": 13, "color": ZWART},
                "text": [
                    f"{m}: {opmaak.getal(d)}"
                    for m, d in zip(doelen["mijlpaal"], doelen["doel"], strict=True)
                ],
                "textposition": "top left",
                "hovertemplate": "Mijlpaal %{text}<extra></extra>",
            }
        )
    hoogste = max(
        (
            float(v)
            for kolom in ("cumulatief", "plan", "doel", "p90")
            for v in (df[kolom] if len(df) else [])
            if v is not None
        ),
        default=0.0,
    )
    return {
        "data": data,
        "layout": _layout(
            titel,
            height=460,
            margin={"l": 70, "r": 30, "t": 60, "b": 120},
            legend={"orientation": "h", "y": -0.3, "yanchor": "top", "x": 0},
            xaxis={
                "title": {"text": "Maand (stand aan het eind van de maand)"},
                "type": "category",
                # The band trace comes first and has only a few months: fix the order.
                "categoryorder": "array",
                "categoryarray": x,
            },
            # Room above the highest point for the milestone labels.
            yaxis={
                "title": {"text": "Personen (cumulatief, tellend)"},
                "range": [0, max(10.0, hoogste * 1.15)],
            },
            # Narrow: no x-axis title (the months say it), the legend well below the
            # slanted month labels, a shorter y-axis title and thinner margins.
            meta=_smal(
                titel,
                height=540,
                margin__l=50,
                margin__r=10,
                margin__t=70,
                margin__b=190,
                xaxis__title__text="",
                yaxis__title__text="Personen (cumulatief)",
                legend__y=-0.35,
            ),
        ),
    }


def ranglijst_figuur(df: pd.DataFrame, titel: str) -> dict:
    """Gemeenten ranked by the share of their opgave realised, coloured and labelled by the
    plan forecast's status at the next milestone."""
    if not len(df):
        return {"data": [], "layout": _layout(titel)}
    geordend = df.assign(
        _a=[float(a) if a is not None else -1.0 for a in df["aandeel"]]
    ).sort_values("_a")
    statussen = [s or "onbekend" for s in geordend["status"]]
    return {
        "data": [
            {
                "type": "bar",
                "orientation": "h",
                "name": "Gerealiseerd als deel van de opgave",
                "y": list(geordend["gemeente"]),
                "x": [None if a is None else round(float(a) * 100, 1) for a in geordend["aandeel"]],
                "marker": {
                    "color": [STATUSKLEUR.get(s, GRIJS) for s in statussen],
                    "line": {"color": ZWART, "width": 1},
                },
                "text": [
                    f"{opmaak.procent(a)} · {STATUSTEKEN.get(s, '?')} {s}"
                    for a, s in zip(geordend["aandeel"], statussen, strict=True)
                ],
                "textposition": "outside",
                "cliponaxis": False,
                "hovertemplate": "%{y}: %{x:,.1f}%<extra></extra>",
            }
        ],
        "layout": _layout(
            titel,
            xaxis={
                "title": {"text": "Geteld gerealiseerd, % van de opgave"},
                "ticksuffix": "%",
                "rangemode": "tozero",
            },
            yaxis={"automargin": True},
            margin={"l": 130, "r": 150, "t": 50, "b": 50},
            showlegend=False,
            hovermode="closest",
            height=max(260, 60 + 38 * len(geordend)),
            meta=_smal(titel, margin__l=10, margin__r=120, margin__t=70, xaxis__title__text="%"),
        ),
    }
