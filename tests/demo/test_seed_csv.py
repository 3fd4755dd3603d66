"""The demo reads the seed tables strictly: a row with more or fewer values than the header
stops the load with the file and line, and the tables in the repository are the shared ones."""

from pathlib import Path

import pytest
from django.conf import settings

from demo import laden

GEDEELD = Path(settings.BASE_DIR).parent / "shared" / "seed-data"


def test_a_row_with_an_unquoted_comma_is_refused_with_its_line(tmp_path, monkeypatch):
    (tmp_path / "t.csv").write_text(
        "# source: test\ncode,naam,aantal\na,Een,1\nb,Van 2 naar 2,2 gemiddeld,3\n",
        encoding="utf-8",
    )
    monkeypatch.setattr(laden, "SEED_DATA", tmp_path)
    with pytest.raises(ValueError, match=r"t\.csv, regel 4: 4 waarden, de kopregel heeft 3"):
        laden.lees_csv("t.csv")


def test_a_row_with_too_few_values_is_refused(tmp_path, monkeypatch):
    (tmp_path / "t.csv").write_text("code,naam,aantal\na,Een\n", encoding="utf-8")
    monkeypatch.setattr(laden, "SEED_DATA", tmp_path)
    with pytest.raises(ValueError, match=r"t\.csv, regel 2: 2 waarden, de kopregel heeft 3"):
        laden.lees_csv("t.csv")


def test_every_seed_table_reads_strictly():
    for pad in sorted(laden.SEED_DATA.glob("*.csv")):
        assert laden.lees_csv(pad.name), pad.name


def test_the_action_with_a_comma_in_its_name_keeps_its_name_and_note():
    rij = next(
        r
        for r in laden.lees_csv("almere_2023_action_plan.csv")
        if r["action_code"] == "woningbezetting"
    )
    assert rij["action_name_nl"] == (
        "Vergroten gemiddelde aantal vergunninghouders per woning (van 2 naar 2,2 gemiddeld)"
    )
    assert rij["dwellings_kind"] == "none_embedded"


@pytest.mark.skipif(not GEDEELD.is_dir(), reason="geen gedeelde seed-data naast de repository")
def test_the_fixtures_are_the_shared_seed_tables():
    for pad in sorted(GEDEELD.glob("*.csv")):
        assert (laden.SEED_DATA / pad.name).read_bytes() == pad.read_bytes(), pad.name
