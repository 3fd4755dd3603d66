"""A tiny .xlsx that states a huge sheet (review finding 6).

A sheet with one cell far out (XFD1048576) made the read-only reader pad every row to 16.384
columns and read about 2,7 GB in 15 seconds. Now the stated size is ignored and rows are read
only one column past the import's columns.
"""

import io
import time
import tracemalloc

import pytest
from openpyxl import Workbook

from taakstelling.services.importeren import KOLOMMEN, Importfouten, lees_bestand


def xlsx(*cellen: tuple[str, object], rijen: list[list] | None = None) -> bytes:
    boek = Workbook()
    blad = boek.active
    for rij in rijen or []:
        blad.append(rij)
    for adres, waarde in cellen:
        blad[adres] = waarde
    uit = io.BytesIO()
    boek.save(uit)
    return uit.getvalue()


GOED = [list(KOLOMMEN), ["GM0034", "2023-05", "amv", None, 3, 3, 1]]


def test_a_far_away_cell_costs_neither_memory_nor_time():
    inhoud = xlsx(("XFD1048576", "x"), rijen=GOED)
    assert len(inhoud) < 20_000  # a few kilobytes on disk
    tracemalloc.start()
    begin = time.monotonic()
    try:
        regels = lees_bestand("bom.xlsx", inhoud)
        _, piek = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert piek < 50 * 1024 * 1024, f"{piek / 1024 / 1024:.0f} MB"
    assert time.monotonic() - begin < 10
    # The one row within the columns is read; the far cell is not (it is no column of ours).
    assert [(r.regel, r.waarden["bron"]) for r in regels] == [(2, "amv")]


def test_a_header_wider_than_the_import_is_refused():
    with pytest.raises(Importfouten) as fout:
        lees_bestand("breed.xlsx", xlsx(("XFD1", "extra"), rijen=GOED))
    assert [(f.regel, f.melding) for f in fout.value.fouten] == [
        (1, "De kopregel heeft meer dan 7 kolommen; gebruik precies: " + ",".join(KOLOMMEN) + ".")
    ]


def test_a_value_just_right_of_the_columns_is_still_reported():
    with pytest.raises(Importfouten) as fout:
        lees_bestand("rechts.xlsx", xlsx(("H2", "?"), rijen=GOED))
    assert [(f.regel, f.melding) for f in fout.value.fouten] == [
        (2, "Meer waarden dan de 7 kolommen in de kopregel.")
    ]


def test_row_numbers_follow_the_sheet_across_empty_rows():
    rijen = [*GOED, [None] * 7, [None] * 7, ["GM0034", "2023-05", "har", None, 2, 2, 0]]
    regels = lees_bestand("gaten.xlsx", xlsx(rijen=rijen))
    assert [(r.regel, r.waarden["bron"]) for r in regels] == [(2, "amv"), (5, "har")]
