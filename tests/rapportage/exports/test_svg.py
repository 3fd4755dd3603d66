"""The charts of the PDF drawn in Python (issue 11: no browser, a repeat costs nothing)."""

from fractions import Fraction

import pandas as pd

from kern.perioden import Maand
from rapportage import charts
from rapportage.exports import svg


def _figuur(doel=293):
    maanden = [Maand(2023, m) for m in range(1, 13)]
    df = pd.DataFrame(
        {
            "label": [m.naam for m in maanden],
            "cumulatief": [20 * i if i < 4 else None for i in range(12)],
            "plan": [None] * 3 + [60 + Fraction(45, 2) * i for i in range(9)],
            "doel": [None] * 8 + [doel, None, None, 629],
            "mijlpaal": [None] * 8 + ["1 okt 2023", None, None, "31 dec 2023"],
            "p10": [None] * 3 + [60 + 20 * i for i in range(9)],
            "p90": [None] * 3 + [60 + 30 * i for i in range(9)],
        }
    )
    return charts.cumulatief_figuur(df, "Almere: geteld gerealiseerd tegen de mijlpalen")


def test_the_cumulative_chart_is_vector_svg_with_dutch_text():
    tekening = svg.svg(_figuur(), 1000, 430)
    assert tekening.startswith("<svg") and tekening.endswith("</svg>")
    assert "Personen (cumulatief, tellend)" in tekening
    assert "1 okt 2023: 293" in tekening and "januari 2023" in tekening
    assert "Prognose volgens plan" in tekening and "P10–P90 (kansband)" in tekening
    assert "stroke-dasharray" in tekening  # the plan line is dashed, not only coloured
    assert "<polygon" in tekening  # the band and the milestone diamonds


def test_a_repeat_costs_nothing_and_other_inputs_draw_anew():
    figuur = _figuur(doel=301)
    eerste = svg.svg(figuur, 1000, 430)
    assert svg.svg(figuur, 1000, 430) is eerste  # the stored drawing itself, not redrawn
    anders = svg.svg(_figuur(doel=302), 1000, 430)
    assert anders != eerste and "1 okt 2023: 302" in anders


def test_the_ranking_chart_has_bars_with_status_in_words():
    df = pd.DataFrame(
        {
            "gemeente": ["Almere", "Urk"],
            "aandeel": [Fraction(27, 100), None],
            "status": ["op koers", "niet haalbaar"],
        }
    )
    tekening = svg.svg(charts.ranglijst_figuur(df, "Flevoland"), 1000, 260)
    assert "Almere" in tekening and "Urk" in tekening
    assert "27% · ✓ op koers" in tekening and "✗ niet haalbaar" in tekening
    assert "20%" in tekening  # Dutch percentages on the axis
