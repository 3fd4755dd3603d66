"""A CSV row with more or fewer values than the header is refused, with its line number: an
unquoted comma in a text would otherwise shift or cut the row silently."""

import pytest

from taakstelling.services.importeren import Importfouten, lees_bestand

KOP = "gemeente,maand,bron,corporatie,personen_gehuisvest,personen_tellend,woningen\n"


def test_rows_with_missing_or_extra_values_are_refused_each_with_its_line():
    inhoud = (
        KOP
        + "GM0034,2023-05,amv,,3,3,1\n"
        + "GM0034,2023-05,har,2,2,0\n"  # one value short: corporatie left out
        + "GM0034,2023-05,regulier,ymere,9,9,4,x\n"  # one value too many
    ).encode()
    with pytest.raises(Importfouten) as fout:
        lees_bestand("kolommen.csv", inhoud)
    assert [(f.regel, f.melding) for f in fout.value.fouten] == [
        (
            3,
            "Minder waarden (6) dan de 7 kolommen in de kopregel; staat er een tekst met een "
            "komma in zonder aanhalingstekens?",
        ),
        (4, "Meer waarden dan de 7 kolommen in de kopregel."),
    ]
    assert str(fout.value.fouten[0]).lower().startswith("regel 3")


def test_empty_trailing_columns_of_a_spreadsheet_are_still_fine():
    inhoud = (KOP.rstrip("\n") + ",,\n" + "GM0034,2023-05,amv,,3,3,1,,\n").encode()
    assert [r.waarden["bron"] for r in lees_bestand("leeg.csv", inhoud)] == ["amv"]
