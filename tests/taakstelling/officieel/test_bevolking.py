"""CBS population import (issue 15 item 2): a StatLine download, all or nothing with
"regel N", idempotent, only by the beheerder; the command."""

import pytest
from django.core.exceptions import PermissionDenied
from django.core.management import CommandError, call_command

from taakstelling.officieel.models import Bevolking
from taakstelling.officieel.services import BEVOLKING_KOLOMMEN, bevolking_importeren
from taakstelling.services.importeren import Importfouten, lees_bestand

KOP = "RegioS;Perioden;BevolkingOp1Januari_1\n"


def _import(demo, tekst: str, naam="bevolking.csv", wie="beheerder"):
    regels = lees_bestand(naam, tekst.encode(), BEVOLKING_KOLOMMEN)
    return bevolking_importeren(regels=regels, door=demo.user(wie), bestandsnaam=naam)


def test_the_demo_has_cbs_figures_for_almere_and_the_netherlands(demo):
    assert Bevolking.objects.get(regio_code="GM0034", jaar=2022).inwoners == 218_096
    assert Bevolking.objects.get(regio_code="NL01", jaar=2022).inwoners == 17_590_672
    assert not Bevolking.objects.get(regio_code="GM0034", jaar=2022).illustratief
    assert Bevolking.objects.get(regio_code="GM0995", jaar=2022).illustratief


def test_an_import_writes_with_history_and_twice_changes_nothing(demo):
    tekst = KOP + 'GM0034;2019JJ00;"211.000"\nNL01  ;2019;17.282.163\n'
    uitkomst = _import(demo, tekst)
    assert (uitkomst.nieuw, uitkomst.gewijzigd) == (2, 0)
    rij = Bevolking.objects.get(regio_code="GM0034", jaar=2019)
    assert rij.inwoners == 211_000
    assert rij.history.first().history_change_reason == "Import bevolking.csv"
    historie = Bevolking.history.count()
    nogmaals = _import(demo, tekst)
    assert (nogmaals.nieuw, nogmaals.gewijzigd, nogmaals.ongewijzigd) == (0, 0, 2)
    assert Bevolking.history.count() == historie


def test_one_bad_row_writes_nothing_and_every_bad_row_is_named(demo):
    tekst = KOP + "GM0034;2019;211000\nXX12;2019;5\nGM0995;negentien;5\nGM0303;2019;1,5\n"
    with pytest.raises(Importfouten) as e:
        _import(demo, tekst)
    teksten = [str(f) for f in e.value.fouten]
    assert teksten[0].startswith("regel 3, kolom regios")
    assert any(t.startswith("regel 4, kolom perioden") for t in teksten)
    assert any(t.startswith("regel 5, kolom bevolkingop1januari_1") for t in teksten)
    assert not Bevolking.objects.filter(jaar=2019).exists()


def test_only_the_beheerder_imports(demo):
    with pytest.raises(PermissionDenied):
        _import(demo, KOP + "GM0034;2019;1\n", wie="provincie_a")


def test_the_command(demo, tmp_path, capsys):
    goed = tmp_path / "statline.csv"
    goed.write_text(KOP + "GM0034;2018JJ00;205000\n", encoding="utf-8")
    call_command("import_bevolking", str(goed), "--gebruiker", "beheerder", "--bron", "CBS")
    assert Bevolking.objects.get(regio_code="GM0034", jaar=2018).bron == "CBS"
    fout = tmp_path / "fout.csv"
    fout.write_text(KOP + "GM0034;2017;205000\nGM0034;2017;1\n", encoding="utf-8")
    with pytest.raises(CommandError, match="geweigerd"):
        call_command("import_bevolking", str(fout), "--gebruiker", "beheerder")
    assert "regel 3" in capsys.readouterr().err
    assert not Bevolking.objects.filter(jaar=2017).exists()
