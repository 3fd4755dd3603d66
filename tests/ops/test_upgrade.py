"""Upgrade proof (bin/upgrade-proef.sh): a database filled by the old code, migrated by the
current code, keeps every row and gives the same stand and prognose. Plus the comparison
rules of bin/upgrade_proef.py on small made-up fingerprints."""

import copy
import importlib.util
import os
import subprocess
import sys

import pytest

from tests.ops.deployment.conftest import ROOT, basis_env, server_url

# The last commit before the restructure into the prognose and demo apps.
OUDE_COMMIT = os.environ.get("UPGRADE_OUDE_COMMIT", "fd533e2")

_spec = importlib.util.spec_from_file_location("upgrade_proef", ROOT / "bin" / "upgrade_proef.py")
upgrade_proef = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(upgrade_proef)


def _commit_beschikbaar(commit: str) -> bool:
    try:
        uit = subprocess.run(
            ["git", "cat-file", "-e", f"{commit}^{{commit}}"], cwd=ROOT, capture_output=True
        )
    except FileNotFoundError:
        return False
    return uit.returncode == 0


@pytest.mark.deployment
def test_upgrading_a_database_of_the_old_code_loses_no_row_and_changes_no_figure():
    if not _commit_beschikbaar(OUDE_COMMIT):
        pytest.skip(
            f"commit {OUDE_COMMIT} (UPGRADE_OUDE_COMMIT) staat niet in de git-geschiedenis van "
            f"{ROOT}: ondiepe clone? (git fetch --unshallow)"
        )
    uit = subprocess.run(
        ["bin/upgrade-proef.sh", OUDE_COMMIT],
        cwd=ROOT,
        env=basis_env(PYTHON=sys.executable, PG_SERVER=server_url()),
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert uit.returncode == 0, uit.stdout + uit.stderr
    assert "Upgrade-proef geslaagd" in uit.stdout
    assert "27 gemeenten: stand en prognose gelijk" in uit.stdout


# --- the comparison rules ----------------------------------------------------------------


def _tabel(rijen: int, md5: str = "a", kolommen=("id", "x")) -> dict:
    return {
        "kolommen": list(kolommen),
        "checksum_over": list(kolommen),
        "ontbrekende_kolommen": [],
        "rijen": rijen,
        "md5": md5,
    }


def _afdruk() -> dict:
    return {
        "peildatum": "2023-05-01",
        "tabellen": {
            "django_migrations": _tabel(50),
            "django_content_type": _tabel(63),
            "auth_permission": _tabel(252),
            "organisaties_gemeente": _tabel(2),
            "rapportage_snapshot": _tabel(1200),
        },
        "gemeenten": {
            cbs: {
                "stand": {"gemeente": {"cbs_code": cbs}, "gerealiseerd": {"woningen": 10}},
                "prognose": {"mijlpalen": [{"doel": 293}], "engine_versie": "2-aaa"},
            }
            for cbs in ("GM0034", "GM1708")
        },
        "contenttypes": {"verouderd": [], "permissies_op_verouderd": 0},
    }


def test_identical_fingerprints_pass_with_a_dutch_summary():
    oud = _afdruk()
    fouten, meldingen = upgrade_proef.vergelijk(oud, copy.deepcopy(oud))
    assert (fouten, meldingen) == ([], [])
    assert upgrade_proef.samenvatting(oud, herhaling=False) == (
        "Upgrade-proef geslaagd: 2 tabellen, 1.202 rijen, 2 gemeenten: stand en prognose gelijk"
    )


def test_lost_changed_or_unexpected_rows_fail():
    oud = _afdruk()
    nieuw = copy.deepcopy(oud)
    del nieuw["tabellen"]["organisaties_gemeente"]
    nieuw["tabellen"]["rapportage_snapshot"]["md5"] = "b"
    nieuw["tabellen"]["prognose_iets"] = _tabel(3)
    fouten, _ = upgrade_proef.vergelijk(oud, nieuw)
    assert fouten == [
        "tabel organisaties_gemeente: verdwenen (2 rijen)",
        "tabel rapportage_snapshot: zelfde aantal rijen (1.200), andere inhoud",
        "tabel prognose_iets: nieuw, met 3 rijen",
    ]
    nieuw = copy.deepcopy(oud)
    nieuw["tabellen"]["rapportage_snapshot"].update(rijen=1199, ontbrekende_kolommen=["x"])
    fouten, _ = upgrade_proef.vergelijk(oud, nieuw)
    assert fouten == [
        "tabel rapportage_snapshot: kolommen verdwenen: x",
        "tabel rapportage_snapshot: 1.200 → 1.199 rijen",
    ]


def test_migrations_content_types_new_empty_tables_and_new_columns_do_not_fail():
    oud = _afdruk()
    nieuw = copy.deepcopy(oud)
    nieuw["tabellen"]["django_migrations"] = _tabel(53, "z")
    nieuw["tabellen"]["django_content_type"] = _tabel(66, "z")
    nieuw["tabellen"]["auth_permission"] = _tabel(264, "z")
    nieuw["tabellen"]["demo_leeg"] = _tabel(0)
    nieuw["tabellen"]["rapportage_snapshot"]["kolommen"].append("nieuw_veld")
    nieuw["contenttypes"] = {"verouderd": ["rapportage.scenario"], "permissies_op_verouderd": 4}
    fouten, meldingen = upgrade_proef.vergelijk(oud, nieuw)
    assert fouten == []
    assert meldingen == [
        "auth_permission: 252 → 264 rijen",
        "django_content_type: 63 → 66 rijen",
        "tabel rapportage_snapshot: nieuwe kolommen nieuw_veld",
        "tabel demo_leeg: nieuw en leeg",
        "1 verouderde content types (rapportage.scenario) met 4 permissies",
    ]


def test_a_different_figure_fails_and_engine_versie_only_between_old_and_new_code():
    oud = _afdruk()
    nieuw = copy.deepcopy(oud)
    for g in nieuw["gemeenten"].values():
        g["prognose"]["engine_versie"] = "2-bbb"
    fouten, meldingen = upgrade_proef.vergelijk(oud, nieuw)
    assert fouten == []
    assert meldingen[0].startswith("engine_versie 2-aaa → 2-bbb (niet vergeleken)")
    fouten, _ = upgrade_proef.vergelijk(oud, nieuw, herhaling=True)
    assert fouten == [
        'prognose GM0034: engine_versie: "2-aaa" → "2-bbb"',
        'prognose GM1708: engine_versie: "2-aaa" → "2-bbb"',
    ]

    nieuw = copy.deepcopy(oud)
    nieuw["gemeenten"]["GM0034"]["stand"]["gerealiseerd"]["woningen"] = 9
    nieuw["gemeenten"]["GM1708"]["prognose"]["mijlpalen"] = []
    del nieuw["gemeenten"]["GM1708"]["stand"]["gemeente"]
    fouten, _ = upgrade_proef.vergelijk(oud, nieuw)
    assert fouten == [
        "stand GM0034: gerealiseerd.woningen: 10 → 9",
        "stand GM1708: gemeente: verdwenen",
        'prognose GM1708: mijlpalen: [{"doel": 293}] → []',
    ]


def test_a_field_the_new_code_adds_is_noted_but_a_changed_one_fails():
    oud = _afdruk()
    nieuw = copy.deepcopy(oud)
    for g in nieuw["gemeenten"].values():
        g["prognose"]["mijlpalen"][0]["corporatie"] = "ymere"
    fouten, meldingen = upgrade_proef.vergelijk(oud, nieuw)
    assert fouten == []
    assert meldingen == [
        "nieuw veld in de uitvoer (vergeleken zonder): prognose: mijlpalen[].corporatie"
    ]
    # Between two runs of the same code nothing may appear.
    fouten, _ = upgrade_proef.vergelijk(oud, nieuw, herhaling=True)
    assert len(fouten) == 2
    nieuw["gemeenten"]["GM0034"]["prognose"]["mijlpalen"][0]["doel"] = 294
    fouten, _ = upgrade_proef.vergelijk(oud, nieuw)
    assert fouten == ["prognose GM0034: mijlpalen[0].doel: 293 → 294"]


def test_the_declared_bron_migration_is_checked_on_meaning_not_skipped():
    from organisaties.migratie_operaties import BRON_OMGEZET

    assert upgrade_proef.BRON_OMGEZET == BRON_OMGEZET
    oud = _afdruk()
    oud["omzettingen"] = {"bronnen": {"taakstelling_mijlpaal": "a"}, "historie": 0}
    nieuw = copy.deepcopy(oud)
    nieuw["omzettingen"]["historie"] = 9
    nieuw["tabellen"]["organisaties_brondocument"] = _tabel(2)
    fouten, meldingen = upgrade_proef.vergelijk(oud, nieuw)
    assert fouten == []
    assert meldingen == [
        "tabel organisaties_brondocument: nieuw, met 2 rijen "
        "(de documenten waarnaar de omgezette bronnen verwijzen)",
        "9 historierijen met de reden van de omzetting van bronnen (vergeleken zonder)",
    ]
    nieuw["omzettingen"]["bronnen"]["taakstelling_mijlpaal"] = "b"
    fouten, _ = upgrade_proef.vergelijk(oud, nieuw)
    assert fouten == [
        "tabel taakstelling_mijlpaal: een bron betekent na de omzetting iets anders "
        "(document, paragraaf of toelichting)"
    ]
