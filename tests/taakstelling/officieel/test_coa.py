"""COA's periodic overview (issue 15 item 5): per publication date, gemeente and period, all
or nothing with "regel N", idempotent, CSV and Excel, the command."""

import io

import pytest
from django.core.management import CommandError, call_command
from openpyxl import Workbook

from taakstelling.officieel.models import CoaHalfjaar, CoaMaand
from taakstelling.officieel.services import COA_KOLOMMEN, coa_importeren
from taakstelling.services.importeren import Importfouten, lees_bestand

KOP = ",".join(COA_KOLOMMEN) + "\n"
GOED = (
    KOP
    + "2023-08-15,GM0034,2023-H1,261,200,-61,30,,\n"
    + "2023-08-15,GM0034,2023-H2,336,40,,12,,\n"
    + "2023-08-15,GM0034,2023-07,,,,,31,25\n"
)


def _import(demo, tekst, naam="coa.csv", inhoud=None):
    regels = lees_bestand(naam, inhoud or tekst.encode(), COA_KOLOMMEN)
    return coa_importeren(regels=regels, door=demo.user("beheerder"), bestandsnaam=naam)


def test_the_demo_has_an_illustrative_overview(demo):
    rij = CoaHalfjaar.objects.get(gemeente=demo.almere, jaar=2023, helft=1)
    assert (rij.taakstelling, rij.gerealiseerd, rij.saldo, rij.illustratief) == (261, 74, -32, True)
    assert CoaMaand.objects.filter(gemeente=demo.almere).count() == 4


def test_an_overview_is_stored_per_publication_and_twice_changes_nothing(demo):
    uitkomst = _import(demo, GOED)
    assert (uitkomst.nieuw, uitkomst.gewijzigd) == (3, 0)
    h2 = CoaHalfjaar.objects.get(gemeente=demo.almere, jaar=2023, helft=2)
    assert (h2.taakstelling, h2.gerealiseerd, h2.saldo, h2.in_procedure) == (336, 40, None, 12)
    juli = CoaMaand.objects.get(gemeente=demo.almere, maand="2023-07-01")
    assert (juli.koppelingen, juli.gehuisvest) == (31, 25)
    assert juli.history.first().history_change_reason == "Import coa.csv"
    # the earlier publication (15 May, demo) stays: figures per publication date
    assert CoaHalfjaar.objects.filter(gemeente=demo.almere, jaar=2023, helft=1).count() == 2
    historie = CoaHalfjaar.history.count() + CoaMaand.history.count()
    nogmaals = _import(demo, GOED)
    assert (nogmaals.nieuw, nogmaals.gewijzigd, nogmaals.ongewijzigd) == (0, 0, 3)
    assert CoaHalfjaar.history.count() + CoaMaand.history.count() == historie
    gewijzigd = _import(demo, GOED.replace("261,200", "261,201"))
    assert (gewijzigd.gewijzigd, gewijzigd.ongewijzigd) == (1, 2)


def test_one_bad_row_writes_nothing(demo):
    voor = (CoaHalfjaar.objects.count(), CoaMaand.objects.count())
    slecht = (
        GOED
        + "2023-08-15,GM9999,2023-H1,1,1,1,1,,\n"  # regel 5: unknown gemeente
        + "2023-08-15,GM0995,2023-H1,96,40,,,5,\n"  # regel 6: a month column on a half-year
        + "15-08-2023,GM0995,2023-05,,,,,5,5\n"  # regel 7: date
        + "2023-08-15,GM0995,2023-13,,,,,5,5\n"  # regel 8: period
        + "2023-08-15,GM0034,2023-07,,,,,1,1\n"  # regel 9: same as regel 4
        + "2023-08-15,GM0995,2023-H2,veel,,,,,\n"  # regel 10: not a number
    )
    with pytest.raises(Importfouten) as e:
        _import(demo, slecht)
    regels = sorted({f.regel for f in e.value.fouten})
    assert regels == [5, 6, 7, 8, 9, 10]
    assert "regel 9, kolom periode" in [str(f)[:22] for f in e.value.fouten]
    assert (CoaHalfjaar.objects.count(), CoaMaand.objects.count()) == voor


def test_excel_is_read_too(demo):
    boek = Workbook()
    blad = boek.active
    blad.append(list(COA_KOLOMMEN))
    blad.append(["2023-09-15", "GM0995", "2023-H2", 124, 30, None, 9, None, None])
    uit = io.BytesIO()
    boek.save(uit)
    assert _import(demo, "", naam="coa.xlsx", inhoud=uit.getvalue()).nieuw == 1


def test_the_command_refuses_a_bad_file_with_exit_code_1(demo, tmp_path, capsys):
    pad = tmp_path / "coa.csv"
    pad.write_text(GOED, encoding="utf-8")
    call_command("import_coa", str(pad), "--gebruiker", "beheerder")
    assert "3 nieuw" in capsys.readouterr().out
    call_command("import_coa", str(pad), "--gebruiker", "beheerder")
    assert "0 nieuw, 0 gewijzigd, 3 ongewijzigd" in capsys.readouterr().out
    pad.write_text(GOED + "2023-08-15,GM0034,2023-H1,,,,,,\n", encoding="utf-8")
    with pytest.raises(CommandError, match="niets opgeslagen"):
        call_command("import_coa", str(pad), "--gebruiker", "beheerder")
    assert "regel 5" in capsys.readouterr().err
    with pytest.raises(CommandError):
        call_command("import_coa", str(pad), "--gebruiker", "opgaveteam-almere")
