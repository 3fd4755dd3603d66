"""Import of COA koppelingen (issue 14 §7): all or nothing, 'regel N' errors, idempotent."""

from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from bemiddeling.huishoudens.services import sleutel_van
from bemiddeling.models import Huishouden

ROOT = Path(__file__).resolve().parents[3]
VOORBEELD = ROOT / "fixtures" / "koppelingen_voorbeeld.csv"


def _aantal(demo) -> int:
    return Huishouden.objects.filter(gemeente=demo.almere).count()


def _importeer(pad, capsys):
    call_command(
        "import_koppelingen", str(pad), "--gemeente", "GM0034", "--gebruiker", "opgaveteam-almere"
    )
    return capsys.readouterr()


def test_the_sample_file_imports_and_a_second_time_changes_nothing(demo, capsys):
    voor = _aantal(demo)
    uit = _importeer(VOORBEELD, capsys)
    assert "4 huishouden(s) toegevoegd, 0 al bekend" in uit.out
    assert _aantal(demo) == voor + 4
    groot = Huishouden.objects.get(sleutel=sleutel_van("VOORBEELD-0002"))
    assert groot.alle_behoeften == ["groot_gezin", "medisch"]
    assert not Huishouden.objects.filter(sleutel__icontains="VOORBEELD").exists()
    uit = _importeer(VOORBEELD, capsys)
    assert "0 huishouden(s) toegevoegd, 4 al bekend" in uit.out
    assert _aantal(demo) == voor + 4


def test_one_bad_row_writes_nothing_and_names_every_bad_row(demo, tmp_path, capsys):
    pad = tmp_path / "koppelingen.csv"
    pad.write_text(
        "referentie,koppeldatum,volwassenen,kinderen,route\n"
        "GOED-1,2024-03-01,1,0,regulier\n"
        "FOUT-1,gisteren,1,0,regulier\n"
        "FOUT-2,2024-03-01,0,0,paleis\n"
        "GOED-1,2024-03-02,1,0,\n",
        encoding="utf-8",
    )
    voor = _aantal(demo)
    with pytest.raises(CommandError, match=r"4 fout\(en\) in koppelingen.csv; er is niets"):
        _importeer(pad, capsys)
    fouten = capsys.readouterr().err
    assert "regel 3, kolom koppeldatum: 'gisteren' is geen datum" in fouten
    assert "regel 4, kolom route: Onbekende route 'paleis'" in fouten
    assert "regel 4, kolom volwassenen: Een huishouden heeft minstens één persoon." in fouten
    assert "regel 5, kolom referentie: Dit huishouden staat ook op regel 2." in fouten
    assert _aantal(demo) == voor


def test_a_missing_column_and_a_read_only_user_are_refused(demo, tmp_path, capsys):
    pad = tmp_path / "k.csv"
    pad.write_text("referentie,volwassenen\nX,1\n", encoding="utf-8")
    with pytest.raises(CommandError):
        _importeer(pad, capsys)
    assert "kolom koppeldatum: Deze kolom ontbreekt" in capsys.readouterr().err
    with pytest.raises(CommandError, match="mag de huishoudens van Almere niet wijzigen"):
        call_command(
            "import_koppelingen",
            str(VOORBEELD),
            "--gemeente",
            "GM0034",
            "--gebruiker",
            "provincie-flevoland",
        )


def test_an_excel_file_is_read_too(demo, tmp_path, capsys):
    from datetime import date

    from openpyxl import Workbook

    boek = Workbook()
    blad = boek.active
    blad.append(["referentie", "koppeldatum", "volwassenen", "behoeften"])
    blad.append(["XLSX-1", date(2024, 2, 1), 2, "gelijkvloers;medisch"])
    pad = tmp_path / "k.xlsx"
    boek.save(pad)
    assert "1 huishouden(s) toegevoegd" in _importeer(pad, capsys).out
