"""The one whole-number reader (kern.invoer) behind every numeric field, the plan grid
cells and the import (review findings 1, 2 and D3): "1.000" is a thousand everywhere, a
decimal is refused everywhere, and what the product prints reads back as the same number."""

import subprocess
import sys
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kern import opmaak
from kern.invoer import (
    GEEN_GEHEEL_AANTAL,
    MAX_AANBOD,
    MAX_AMV,
    MAX_INWONERS,
    MAX_LANDELIJK,
    MAX_PERSONEN,
    MAX_PERSONEN_PER_MAAND,
    MAX_WONINGEN_PER_MAAND,
    lees_aantal,
    lees_versie,
)

MAXIMA = [
    MAX_PERSONEN_PER_MAAND,
    MAX_WONINGEN_PER_MAAND,
    MAX_AANBOD,
    MAX_AMV,
    MAX_PERSONEN,
    MAX_LANDELIJK,
    MAX_INWONERS,
]


@given(st.integers(min_value=0, max_value=MAX_INWONERS))
def test_every_count_printed_the_dutch_way_reads_back_the_same(n):
    assert lees_aantal(opmaak.getal(n), maximum=MAX_INWONERS) == n
    assert lees_aantal(str(n), maximum=MAX_INWONERS) == n


@given(st.integers(min_value=-MAX_PERSONEN, max_value=MAX_PERSONEN))
def test_every_saldo_printed_with_its_sign_reads_back_the_same(n):
    """An opening saldo: opmaak prints a real minus sign (−1.234) and a plus (+32)."""
    for tekst in (opmaak.getal(n), opmaak.getal(n, teken=True)):
        assert lees_aantal(tekst, minimum=-MAX_PERSONEN, maximum=MAX_PERSONEN) == n


@pytest.mark.parametrize(
    ("tekst", "verwacht"),
    [
        ("1.000", 1000),  # was 1 in the IntegerField forms (finding 1)
        ("20.000", 20_000),  # was 20
        ("1 000", 1000),
        ("1\u00a0000", 1000),  # a non-breaking space, as spreadsheets paste it
        ("1\u202f000", 1000),  # a narrow non-breaking space (French-style grouping)
        ("1.250.000", 1_250_000),
        (" 7 ", 7),
        ("007", 7),
        ("0", 0),
        ("", None),
        ("   ", None),
    ],
)
def test_it_reads_digits_with_dutch_thousand_grouping(tekst, verwacht):
    assert lees_aantal(tekst, maximum=MAX_INWONERS) == verwacht


@pytest.mark.parametrize(
    "tekst",
    [
        "1,5",
        "2,0",
        "1.5",  # was 15 dwellings in the plan grid (finding 2)
        "2.0",  # was 20
        ".5",  # was 5
        "1 5",  # was 15
        "1.00",
        "1.0000",
        "1.000,00",
        "1,000",  # English grouping: in Dutch the comma is the decimal sign
        "1..000",
        "1. 000",
        "1.000 000",  # mixed separators
        "12.345.67",
        "drie",
        "12 woningen",
        "1e3",
        "0x10",
        "１２",  # full-width digits
        "٢٠",  # Arabic-Indic digits
        "²",
        "--1",
        "+",
        "-",
    ],
)
def test_it_refuses_decimals_and_anything_else_with_one_message(tekst):
    with pytest.raises(ValueError) as fout:
        lees_aantal(tekst, maximum=MAX_INWONERS, minimum=-MAX_INWONERS)
    assert str(fout.value) == GEEN_GEHEEL_AANTAL
    assert GEEN_GEHEEL_AANTAL == "Vul een geheel aantal in, zonder decimalen (bijvoorbeeld 1.250)."


@pytest.mark.parametrize("maximum", MAXIMA)
def test_each_kind_of_field_has_its_maximum(maximum):
    assert lees_aantal(opmaak.getal(maximum), maximum=maximum) == maximum
    with pytest.raises(ValueError, match=f"hoogstens {opmaak.getal(maximum)}"):
        lees_aantal(opmaak.getal(maximum + 1), maximum=maximum)


@pytest.mark.parametrize(
    ("waarde", "minimum", "melding"),
    [
        ("-3", 0, "Vul een aantal van 0 of meer in."),
        ("−1.000", 0, "Vul een aantal van 0 of meer in."),
        (-1, 0, "Vul een aantal van 0 of meer in."),
        ("0", 1, "Vul een aantal van 1 of meer in."),
        ("-2.000.000", -MAX_PERSONEN, "Vul een aantal van −1.000.000 of meer in."),
        ("9" * 400, 0, "Vul een aantal van hoogstens 1.000.000 in."),
        (True, 0, "Vul een aantal in, geen ja/nee."),
    ],
)
def test_bounds_and_odd_values_get_their_own_message(waarde, minimum, melding):
    with pytest.raises(ValueError) as fout:
        lees_aantal(waarde, minimum=minimum, maximum=MAX_PERSONEN)
    assert str(fout.value) == melding


@pytest.mark.parametrize(
    ("waarde", "verwacht"),
    [(4, 4), (4.0, 4), (Decimal("5"), 5), (Decimal("5.000"), 5), (None, None)],
)
def test_spreadsheet_cells_that_hold_a_whole_number_are_read(waarde, verwacht):
    assert lees_aantal(waarde, maximum=10) == verwacht


@pytest.mark.parametrize(
    "waarde", [2.5, Decimal("2.5"), float("nan"), float("inf"), Decimal("NaN"), Decimal("-Inf")]
)
def test_spreadsheet_cells_with_a_fraction_or_no_number_are_refused(waarde):
    with pytest.raises(ValueError, match="geheel aantal"):
        lees_aantal(waarde, maximum=10)


def test_a_year_is_written_without_grouping():
    assert lees_aantal("2023", minimum=2000, maximum=2100, groepen=False) == 2023
    with pytest.raises(ValueError, match="geheel aantal"):
        lees_aantal("2.023", minimum=2000, maximum=2100, groepen=False)


@given(st.text(max_size=30))
def test_no_text_fails_other_than_with_a_dutch_message(tekst):
    try:
        uitkomst = lees_aantal(tekst, maximum=MAX_AANBOD)
    except ValueError as e:
        assert str(e).startswith("Vul een")
    else:
        assert uitkomst is None or 0 <= uitkomst <= MAX_AANBOD


@pytest.mark.parametrize(
    ("tekst", "verwacht"),
    [("", None), (None, None), (" 3 ", 3), ("x", -1), ("-1", -1), ("9" * 30, -1), ("３", -1)],
)
def test_a_hidden_version_is_a_number_none_or_never_matching(tekst, verwacht):
    """D3: one reading of the hidden version (the month form used to read a forged one as
    'new row', the plan as -1): forged is -1, which matches no stored version."""
    assert lees_versie(tekst) == verwacht


def test_the_readers_import_no_django():
    code = (
        "import sys, kern.invoer, kern.perioden\n"
        "print(','.join(m for m in sys.modules if m == 'django' or m.startswith('django.')))\n"
    )
    uit = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert uit.stdout.strip() == ""
