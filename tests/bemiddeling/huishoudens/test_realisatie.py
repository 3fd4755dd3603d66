"""One source of truth (issue 14 §4): in household mode the month's realisation is derived from
the moves, audited, and gives the same stand and forecast as the same totals typed in."""

import json
from datetime import date
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import transaction

from bemiddeling.huishoudens import services
from kern.perioden import Maand
from taakstelling.models import Maandrapportage, Realisatie
from taakstelling.services.realisatie import (
    Invoerfout,
    Regelinvoer,
    realisatie_maand_opslaan,
)

JUNI = Maand(2023, 6)
VANDAAG = date(2023, 6, 20)


class _Terug(Exception):
    pass


def _uit(commando: str) -> dict:
    uit = StringIO()
    call_command(commando, "GM0034", "--peildatum", "2023-07-01", "--format", "json", stdout=uit)
    return json.loads(uit.getvalue())


def _juni(demo) -> list[tuple]:
    return sorted(
        Realisatie.objects.filter(gemeente=demo.almere, maand=JUNI.eerste_dag).values_list(
            "bron_id", "corporatie__slug", "personen_gehuisvest", "personen_tellend", "woningen"
        ),
        key=str,
    )


def _verhuis(demo, nieuw_huishouden, volwassenen, kinderen, route, corporatie, dag):
    team = demo.user("opgaveteam_a")
    h = nieuw_huishouden(volwassenen, kinderen, route=route, vandaag=VANDAAG)
    for stap, velden in (
        ("aanbieden", {"corporatie": corporatie, "grootteklasse": "2"}),
        ("tekenen", {}),
        ("verhuizen", {}),
    ):
        h = services.stap_zetten(
            huishouden=h, stap=stap, datum=dag, door=team, vandaag=VANDAAG, **velden
        )
    return h


@pytest.fixture
def lege_juni(demo):
    Realisatie.objects.filter(gemeente=demo.almere, maand=JUNI.eerste_dag).delete()
    Maandrapportage.objects.filter(gemeente=demo.almere, maand=JUNI.eerste_dag).delete()


def test_moves_give_the_same_stand_and_forecast_as_typed_totals(demo, nieuw_huishouden, lege_juni):
    team = demo.user("opgaveteam_a")
    # Household mode: 1 + 4 persons through Ymere (2 dwellings), 2 in a flexwoning (1), and
    # 3 through HAR (counts at entry, uses no dwelling).
    with pytest.raises(_Terug), transaction.atomic():
        services.invoerwijze_kiezen(
            gemeente=demo.almere, maand=JUNI, per_huishouden=True, door=team, vandaag=VANDAAG
        )
        assert _juni(demo) == []
        _verhuis(demo, nieuw_huishouden, 1, 0, "regulier", demo.ymere, date(2023, 6, 5))
        _verhuis(demo, nieuw_huishouden, 2, 2, "regulier", demo.ymere, date(2023, 6, 12))
        _verhuis(demo, nieuw_huishouden, 2, 0, "flexwoning", None, date(2023, 6, 14))
        _verhuis(demo, nieuw_huishouden, 1, 2, "har", None, date(2023, 6, 19))
        afgeleid = _juni(demo)
        assert afgeleid == [
            ("flexwoning", None, 2, 2, 1),
            ("har", None, 3, 3, 0),
            ("regulier", "ymere", 5, 5, 2),
        ]
        rij = Realisatie.objects.get(gemeente=demo.almere, maand=JUNI.eerste_dag, bron="regulier")
        laatste = rij.history.first()
        assert laatste.history_user == team
        assert laatste.history_change_reason == services.AFGELEID
        # Typed totals are refused for this month, with the reason in Dutch.
        with pytest.raises(Invoerfout, match="per huishouden bijgehouden"):
            realisatie_maand_opslaan(
                gemeente=demo.almere,
                maand=JUNI,
                regels_in=[Regelinvoer(("flexwoning", None), 9, 9, 9)],
                koppeling=None,
                door=team,
                vandaag=VANDAAG,
            )
        stand_h, prognose_h = _uit("stand"), _uit("prognose")
        raise _Terug

    # The same figures typed as totals.
    with pytest.raises(_Terug), transaction.atomic():
        realisatie_maand_opslaan(
            gemeente=demo.almere,
            maand=JUNI,
            regels_in=[
                Regelinvoer(("regulier", "ymere"), 5, 5, 2),
                Regelinvoer(("flexwoning", None), 2, 2, 1),
                Regelinvoer(("har", None), 3, 3, 0),
            ],
            koppeling=None,
            door=team,
            vandaag=VANDAAG,
        )
        assert _juni(demo) == afgeleid
        stand_t, prognose_t = _uit("stand"), _uit("prognose")
        raise _Terug

    assert stand_h == stand_t
    assert stand_h["gerealiseerd"] != _uit("stand")["gerealiseerd"]  # the moves did count
    for p in (prognose_h, prognose_t):
        p.pop("berekend_op", None)
    assert prognose_h == prognose_t


def test_a_move_in_a_month_with_totals_leaves_the_realisation_alone(
    demo, nieuw_huishouden, lege_juni
):
    _verhuis(demo, nieuw_huishouden, 2, 0, "regulier", demo.ymere, date(2023, 6, 5))
    assert _juni(demo) == []


def test_nareizigers_after_the_move_count_in_their_own_month(demo, nieuw_huishouden, lege_juni):
    team = demo.user("opgaveteam_a")
    mei = Maand(2023, 5)
    for m in (mei, JUNI):
        services.invoerwijze_kiezen(
            gemeente=demo.almere,
            maand=m,
            per_huishouden=True,
            door=team,
            vandaag=VANDAAG,
            reden="Proef",
        )
    h = _verhuis(demo, nieuw_huishouden, 1, 1, "regulier", demo.ymere, date(2023, 5, 20))
    services.nareizigers_vastleggen(
        huishouden=h, personen=2, datum=date(2023, 6, 3), door=team, vandaag=VANDAAG
    )
    mei_rijen = Realisatie.objects.filter(gemeente=demo.almere, maand=mei.eerste_dag)
    assert list(mei_rijen.values_list("bron_id", "personen_gehuisvest", "woningen")) == [
        ("regulier", 2, 1)
    ]
    assert _juni(demo) == [("regulier", "ymere", 2, 2, 0)]


def test_switching_back_to_totals_keeps_the_rows_and_allows_typing(
    demo, nieuw_huishouden, lege_juni
):
    team = demo.user("opgaveteam_a")
    services.invoerwijze_kiezen(
        gemeente=demo.almere, maand=JUNI, per_huishouden=True, door=team, vandaag=VANDAAG
    )
    _verhuis(demo, nieuw_huishouden, 2, 0, "regulier", demo.ymere, date(2023, 6, 5))
    services.invoerwijze_kiezen(
        gemeente=demo.almere, maand=JUNI, per_huishouden=False, door=team, vandaag=VANDAAG
    )
    assert _juni(demo) == [("regulier", "ymere", 2, 2, 1)]
    realisatie_maand_opslaan(
        gemeente=demo.almere,
        maand=JUNI,
        regels_in=[Regelinvoer(("flexwoning", None), 1, 1, 1)],
        koppeling=None,
        door=team,
        vandaag=VANDAAG,
    )
    assert len(_juni(demo)) == 2


def test_the_month_page_says_so_and_the_import_refuses_the_month(demo, lege_juni, juni_2023):
    from taakstelling.services.importeren import Importfouten, lees_bestand, realisatie_importeren

    team = demo.user("opgaveteam_a")
    services.invoerwijze_kiezen(gemeente=demo.almere, maand=JUNI, per_huishouden=True, door=team)
    client = demo.client("opgaveteam_a")
    tekst = client.get("/gemeenten/GM0034/realisatie/2023-06/").content.decode()
    assert "wordt per huishouden bijgehouden" in tekst
    assert 'name="reden"' not in tekst  # no entry form
    regels = lees_bestand(
        "juni.csv",
        b"gemeente,maand,bron,corporatie,personen_gehuisvest,personen_tellend,woningen\n"
        b"GM0034,2023-06,flexwoning,,2,2,1\n",
    )
    with pytest.raises(Importfouten) as fout:
        realisatie_importeren(regels=regels, door=team, bestandsnaam="juni.csv")
    assert "per huishouden bijgehouden" in str(fout.value.fouten[0])
    assert _juni(demo) == []
