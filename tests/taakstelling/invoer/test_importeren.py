"""Import and export of monthly figures (issue 'Invoer' §8)."""

import io
import json
import re
from datetime import date

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from openpyxl import Workbook, load_workbook

from taakstelling.models import Maandrapportage, Realisatie
from taakstelling.services.importeren import (
    Importfouten,
    Importverouderd,
    import_controleren,
    lees_bestand,
    realisatie_importeren,
)
from taakstelling.services.realisatie import Invoerfout

KOP = "gemeente,maand,bron,corporatie,personen_gehuisvest,personen_tellend,woningen"
JUNI = date(2023, 6, 15)
GOED = f"""{KOP}
GM0034,2023-05,regulier,ymere,9,9,4
GM0034,2023-05,amv,,3,3,1
GM0034,2023-05,har_uitplaatsing,,6,,3
"""


def csv_bestand(tekst: str) -> bytes:
    return tekst.encode()


def importeer(demo, tekst, persona="opgaveteam_a", naam="mei.csv", **kw):
    return realisatie_importeren(
        regels=lees_bestand(naam, csv_bestand(tekst) if isinstance(tekst, str) else tekst),
        door=demo.user(persona),
        bestandsnaam=naam,
        vandaag=kw.pop("vandaag", JUNI),
        **kw,
    )


def mei(demo):
    return {
        (r.bron_id, r.corporatie.slug if r.corporatie else None): (
            r.personen_gehuisvest,
            r.personen_tellend,
            r.woningen,
        )
        for r in Realisatie.objects.filter(gemeente=demo.almere, maand="2023-05-01")
    }


def test_a_good_file_is_written_with_author_reason_and_month_header(demo):
    plan = importeer(demo, GOED)
    assert plan.aantallen == {"nieuw": 3, "gewijzigd": 0, "ongewijzigd": 0}
    assert mei(demo) == {
        ("regulier", "ymere"): (9, 9, 4),
        ("amv", None): (3, 3, 1),
        ("har_uitplaatsing", None): (6, 0, 3),  # empty 'tellend' follows the rule: 0
    }
    h = Realisatie.history.filter(maand="2023-05-01", bron="amv").get()
    assert h.history_user.username == "opgaveteam-almere"
    assert h.history_change_reason == "Import mei.csv"
    kop = Maandrapportage.objects.get(gemeente=demo.almere, maand="2023-05-01")
    assert kop.history.get().history_change_reason == "Import mei.csv"


def test_importing_the_same_rows_again_changes_nothing(demo):
    importeer(demo, GOED)
    historie = (Realisatie.history.count(), Maandrapportage.history.count())
    plan = importeer(demo, GOED)
    assert plan.aantallen == {"nieuw": 0, "gewijzigd": 0, "ongewijzigd": 3}
    assert (Realisatie.history.count(), Maandrapportage.history.count()) == historie


def test_a_changed_row_is_updated_in_bulk_with_its_version(demo):
    importeer(demo, GOED)
    importeer(demo, GOED.replace("regulier,ymere,9,9,4", "regulier,ymere,11,11,5"), naam="v2.csv")
    r = Realisatie.objects.get(gemeente=demo.almere, maand="2023-05-01", bron="regulier")
    assert (r.personen_gehuisvest, r.versie) == (11, 2)
    nieuw, vorig = r.history.all()[:2]
    assert (nieuw.history_type, nieuw.history_change_reason) == ("~", "Import v2.csv")
    assert (vorig.personen_gehuisvest, nieuw.personen_gehuisvest) == (9, 11)


SLECHT = f"""{KOP}
GM0034,2023-05,regulier,ymere,9,9,4
GM9999,2023-05,amv,,3,3,1
GM1708,2023-05,amv,,3,3,1
GM0034,2023-13,amv,,3,3,1
GM0034,2023-08,amv,,3,3,1
GM0034,2023-05,hotel,,3,3,1
GM0034,2023-05,regulier,,3,3,1
GM0034,2023-05,regulier,woonconcept,3,3,1
GM0034,2023-05,flexwoning,ymere,3,3,1
GM0034,2023-05,aankoop,,-3,0,1
GM0034,2023-05,kamerverhuur,,2.5,2,1
GM0034,2023-05,doorstroomlocatie,,3,4,1
GM0034,2023-05,har_uitplaatsing,,3,3,1
GM0034,2023-05,regulier,ymere,1,1,1
GM0034,2023-05,andere_verhuurder,,,,
GM0034,2023-05,har,,2,2,1
"""

VERWACHT = [
    (3, "gemeente", "Onbekende gemeente 'GM9999'"),
    (4, "gemeente", "niet van Steenwijkerland"),
    (5, "maand", "'2023-13' is geen maand"),
    (6, "maand", "Augustus 2023 ligt in de toekomst"),
    (7, "bron", "Onbekende bron 'hotel'"),
    (8, "corporatie", "Vul bij bron 'regulier' de corporatie in"),
    (9, "corporatie", "werkt niet in Almere"),
    (10, "corporatie", "Bij bron 'flexwoning' hoort geen corporatie"),
    (11, "personen_gehuisvest", "0 of meer"),
    (12, "personen_gehuisvest", "zonder decimalen"),
    (13, "personen_tellend", "niet meer personen meetellen"),
    (14, "personen_tellend", "tellen niet mee"),
    (15, "", "Dubbele regel"),
    (16, "personen_gehuisvest", "Vul de aantallen in"),
    (17, "woningen", "gebruikt geen woning"),
]


def test_one_bad_row_refuses_the_file_and_every_bad_row_is_named(demo):
    with pytest.raises(Importfouten) as e:
        importeer(demo, SLECHT, alleen_gemeente=demo.almere)
    gevonden = [(f.regel, f.kolom, f.melding) for f in e.value.fouten]
    for regel, kolom, melding in VERWACHT:
        assert any(r == regel and k == kolom and melding in m for r, k, m in gevonden), (
            regel,
            kolom,
            melding,
            gevonden,
        )
    assert {f.regel for f in e.value.fouten} == {v[0] for v in VERWACHT}  # regel 2 is fine
    assert str(e.value.fouten[0]).startswith("regel 3, kolom gemeente: ")
    assert mei(demo) == {}
    assert not Maandrapportage.objects.filter(gemeente=demo.almere, maand="2023-05-01").exists()


def test_a_gemeente_the_user_may_not_edit_is_refused(demo):
    tekst = f"{KOP}\nGM1708,2023-05,amv,,3,3,1\n"
    with pytest.raises(Importfouten) as e:
        importeer(demo, tekst)
    (fout,) = e.value.fouten
    assert (fout.regel, fout.kolom) == (2, "gemeente")
    assert "U mag de cijfers van Steenwijkerland niet wijzigen" in fout.melding


@pytest.mark.parametrize(
    ("inhoud", "naam", "melding"),
    [
        (b"", "leeg.csv", "leeg"),
        (b"gemeente,maand\nGM0034,2023-05\n", "kort.csv", "ontbreekt in de kopregel"),
        ((KOP + ",extra\n").encode(), "extra.csv", "Onbekende kolom"),
        (KOP.encode() + b"\n", "alleen-kop.csv", "geen regels"),
        (b"PK\x03\x04 niet echt", "kapot.xlsx", "geen leesbaar Excel-bestand"),
        (b"%PDF-1.4", "brief.pdf", ".csv- of .xlsx-bestand"),
        ((KOP + '\nGM0034,"2023-05,amv\n').encode(), "quote.csv", "geen geldige CSV"),
        ((KOP + "\nGM0034,2023-05,amv,,3,3,1,9\n").encode(), "lang.csv", "Meer waarden"),
    ],
)
def test_unreadable_files_are_refused_in_dutch(demo, inhoud, naam, melding):
    with pytest.raises(Importfouten) as e:
        lees_bestand(naam, inhoud)
    assert melding in str(e.value.fouten[0])


def test_excel_and_dutch_excel_csv_are_read_too(demo):
    boek = Workbook()
    blad = boek.active
    blad.append(KOP.split(","))
    blad.append(["GM0034", "2023-05", "regulier", "ymere", 9, 9, 4])
    blad.append(["GM0034", date(2023, 5, 1), "amv", None, 3.0, None, 1])  # Excel made a date
    blad.append([None] * 7)  # trailing empty rows are common
    buffer = io.BytesIO()
    boek.save(buffer)
    importeer(demo, buffer.getvalue(), naam="mei.xlsx")
    assert mei(demo) == {("regulier", "ymere"): (9, 9, 4), ("amv", None): (3, 3, 1)}
    # Excel on a Dutch Windows saves 'CSV' with semicolons in Windows-1252
    tekst = "\ufeff" + GOED.replace(",", ";").replace("9;9;4", "10;10;4")
    plan = importeer(demo, tekst.encode("utf-8"), naam="nl.csv")
    assert plan.aantallen == {"nieuw": 1, "gewijzigd": 1, "ongewijzigd": 1}


def test_an_old_month_needs_a_reason(demo):
    tekst = f"{KOP}\nGM0034,2023-04,amv,,2,2,1\n"
    with pytest.raises(Invoerfout) as e:
        importeer(demo, tekst)
    assert "april 2023" in e.value.fouten[(None, "reden")]
    importeer(demo, tekst, reden="Nagekomen van Nidos", naam="april.csv")
    h = Realisatie.history.filter(maand="2023-04-01", bron="amv").get()
    assert h.history_change_reason == "Import april.csv: Nagekomen van Nidos"


def test_a_changed_figure_since_the_preview_is_not_overwritten_silently(demo):
    regels = lees_bestand("mei.csv", GOED.encode())
    plan = import_controleren(regels=regels, door=demo.user("opgaveteam_a"), vandaag=JUNI)
    importeer(demo, f"{KOP}\nGM0034,2023-05,amv,,2,2,1\n", naam="ander.csv")  # someone else
    with pytest.raises(Importverouderd):
        importeer(demo, GOED, verwachte_vingerafdruk=plan.vingerafdruk)
    assert mei(demo) == {("amv", None): (2, 2, 1)}


def test_export_then_import_changes_nothing(demo, client):
    client.force_login(demo.user("opgaveteam_a"))
    for formaat in ("csv", "xlsx"):
        antwoord = client.get(f"/gemeenten/GM0034/realisatie/export.{formaat}")
        assert antwoord.status_code == 200
        assert "attachment" in antwoord["Content-Disposition"]
        historie = Realisatie.history.count()
        plan = importeer(demo, antwoord.content, naam=f"export.{formaat}")
        assert plan.aantallen == {
            "nieuw": 0,
            "gewijzigd": 0,
            "ongewijzigd": Realisatie.objects.filter(gemeente=demo.almere).count(),
        }
        assert Realisatie.history.count() == historie
    regels = antwoord_regels = client.get(
        "/gemeenten/GM0034/realisatie/export.csv"
    ).content.decode()
    assert antwoord_regels.splitlines()[0] == KOP
    assert "GM0034,2023-02,har_uitplaatsing,,12,0,5" in regels  # seed 000 demo split


def test_export_then_import_changes_nothing_after_a_corporatie_left(demo, client):
    """Finding 11: De Alliantie's stored rows came back refused ("werkt niet in Almere")."""
    from organisaties.models import Werkgebied

    client.force_login(demo.user("opgaveteam_a"))
    export = client.get("/gemeenten/GM0034/realisatie/export.csv").content.decode()
    assert ",regulier,de-alliantie," in export
    Werkgebied.objects.filter(gemeente=demo.almere, corporatie__slug="de-alliantie").delete()
    plan = importeer(demo, export, naam="export.csv")
    assert plan.aantallen["gewijzigd"] == plan.aantallen["nieuw"] == 0
    assert plan.aantallen["ongewijzigd"] == Realisatie.objects.filter(gemeente=demo.almere).count()
    # A changed or a new row of the corporatie that left is still refused, by line.
    regel = next(r for r in export.splitlines() if ",regulier,de-alliantie," in r)
    delen = regel.split(",")
    delen[4] = str(int(delen[4]) + 1)
    anders = f"{KOP}\n{','.join(delen)}\nGM0034,2023-05,regulier,de-alliantie,1,1,1\n"
    with pytest.raises(Importfouten) as fout:
        importeer(demo, anders)
    assert [(f.regel, f.kolom) for f in fout.value.fouten] == [(2, "corporatie"), (3, "corporatie")]
    assert "De Alliantie werkt niet in Almere" in fout.value.fouten[0].melding


def test_the_template_lists_every_source_of_the_month(demo, client):
    client.force_login(demo.user("opgaveteam_a"))
    tekst = client.get("/gemeenten/GM0034/realisatie/sjabloon.csv?maand=2023-05").content.decode()
    regels = tekst.splitlines()
    assert regels[0] == KOP
    assert "GM0034,2023-05,regulier,ymere,,," in regels
    assert "GM0034,2023-05,amv,,,," in regels
    boek = load_workbook(
        io.BytesIO(client.get("/gemeenten/GM0034/realisatie/sjabloon.xlsx?maand=2023-05").content)
    )
    assert [c.value for c in boek.active[1]] == KOP.split(",")
    # filled in, the template imports
    gevuld = tekst.replace("regulier,ymere,,,", "regulier,ymere,4,,2")
    with pytest.raises(Importfouten) as e:
        importeer(demo, gevuld)  # the other rows are still empty: named, not guessed
    assert all(f.melding.startswith("Vul de aantallen in") for f in e.value.fouten)


# --- the command -----------------------------------------------------------------------------


@pytest.mark.usefixtures("juni_2023")
def test_the_command_imports_and_the_figures_show_in_stand(demo, tmp_path, capsys):
    bestand = tmp_path / "mei.csv"
    bestand.write_text(GOED)
    call_command("import_realisatie", str(bestand), "--gebruiker", "opgaveteam-almere")
    assert "3 nieuw" in capsys.readouterr().out
    call_command("stand", "GM0034", "--peildatum", "2023-06-01", "--format", "json")
    stand = json.loads(capsys.readouterr().out)
    assert stand["gerealiseerd"]["personen_tellend"] == 78 + 9 + 3  # seed 000 plus May
    assert "2023-05" not in stand["ontbrekende_maanden"]
    call_command("import_realisatie", str(bestand), "--gebruiker", "opgaveteam-almere")
    assert "0 nieuw, 0 gewijzigd, 3 ongewijzigd" in capsys.readouterr().out


@pytest.mark.usefixtures("juni_2023")
def test_the_command_refuses_a_bad_file_listing_every_bad_row(demo, tmp_path, capsys):
    bestand = tmp_path / "slecht.csv"
    bestand.write_text(SLECHT)
    with pytest.raises(CommandError, match=f"geweigerd: {len(VERWACHT)} fout"):
        call_command("import_realisatie", str(bestand), "--gebruiker", "opgaveteam-almere")
    fouten = capsys.readouterr().err.splitlines()
    assert (
        "regel 3, kolom gemeente: Onbekende gemeente 'GM9999'; gebruik de CBS-code (GM0034)."
        in fouten
    )
    assert {int(re.match(r"regel (\d+)", f).group(1)) for f in fouten} == {v[0] for v in VERWACHT}
    assert mei(demo) == {}


@pytest.mark.usefixtures("juni_2023")
def test_the_command_applies_the_users_rights_and_dry_run_writes_nothing(demo, tmp_path):
    bestand = tmp_path / "mei.csv"
    bestand.write_text(GOED)
    with pytest.raises(CommandError, match="geweigerd"):
        call_command("import_realisatie", str(bestand), "--gebruiker", "opgaveteam-steenwijkerland")
    with pytest.raises(CommandError, match="bestaat niet"):
        call_command("import_realisatie", str(bestand), "--gebruiker", "niemand")
    call_command("import_realisatie", str(bestand), "--gebruiker", "opgaveteam-almere", "--dry-run")
    assert mei(demo) == {}


def test_the_command_exits_non_zero(demo, tmp_path):
    import subprocess
    import sys

    from django.conf import settings
    from django.db import connection

    bestand = tmp_path / "slecht.csv"
    bestand.write_text(SLECHT)
    env = {
        "DJANGO_SETTINGS_MODULE": "config.settings.test",
        "DATABASE_URL": f"postgres://postgres@127.0.0.1:5432/{connection.settings_dict['NAME']}"
        if connection.vendor == "postgresql"
        else "",
        "PATH": "/usr/bin:/bin",
    }
    if not env["DATABASE_URL"]:
        pytest.skip("needs the PostgreSQL test database")
    uitkomst = subprocess.run(
        [sys.executable, "manage.py", "import_realisatie", str(bestand), "--gebruiker", "x"],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert uitkomst.returncode != 0
    assert "Gebruiker 'x' bestaat niet" in uitkomst.stderr


# --- recompute trigger (issue 'Invoer' §9) ---------------------------------------------------


@pytest.fixture
def aanvragen(monkeypatch):
    from prognose.tasks import herbereken_gemeente

    gezien: list[int] = []
    monkeypatch.setattr(
        herbereken_gemeente, "apply_async", lambda args=(), **kw: gezien.append(args[0])
    )
    return gezien


def test_an_import_requests_one_recompute_per_changed_gemeente_after_commit(
    demo, aanvragen, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        importeer(demo, GOED)
    assert aanvragen == [demo.almere.pk]
    aanvragen.clear()
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        importeer(demo, GOED)  # nothing changes: nothing to recompute
    assert callbacks == [] and aanvragen == []
    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(Importfouten),
    ):
        importeer(demo, SLECHT)
    assert callbacks == [] and aanvragen == []


def test_bulk_update_writes_every_batch_and_one_history_row_each(demo):
    from organisaties.historie import bijwerken_met_historie

    rijen = list(Realisatie.objects.filter(gemeente=demo.almere).order_by("pk"))
    assert len(rijen) >= 5
    oud = {r.pk: r.personen_gehuisvest for r in rijen}
    voor = Realisatie.history.count()
    for r in rijen:
        r.personen_gehuisvest += 7
        r.personen_tellend = min(r.personen_tellend, r.personen_gehuisvest)
        r.illustratief = False
        r.versie += 1
    # Batches of 2: the last one is a remainder.
    bijwerken_met_historie(
        rijen,
        Realisatie,
        ["personen_gehuisvest", "personen_tellend", "illustratief", "versie"],
        door=demo.user("opgaveteam_a"),
        reden="Bulktest",
        batch=2,
    )
    for r in Realisatie.objects.filter(pk__in=oud):
        assert r.personen_gehuisvest == oud[r.pk] + 7 and not r.illustratief
        laatste = r.history.first()
        assert (laatste.history_type, laatste.history_change_reason) == ("~", "Bulktest")
        assert laatste.personen_gehuisvest == oud[r.pk] + 7
        assert laatste.history_user == demo.user("opgaveteam_a")
    assert Realisatie.history.count() - voor == len(rijen)
