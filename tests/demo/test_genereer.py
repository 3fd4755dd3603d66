"""manage.py genereer_landelijk: the same seed gives the same country, the figures keep the
rules the forms and the database enforce, and the stand and the forecast run on it."""

import io
import json
from collections import Counter
from datetime import date
from itertools import pairwise

import pytest
from django.core.management import CommandError, call_command

from bemiddeling.models import Aanbod, Planning, Verdeelafspraak
from demo import landelijk
from demo.laden import GEMEENTEN as DEMO_GEMEENTEN
from kern import regels
from kern.perioden import Maand
from organisaties.models import Gemeente, Provincie, Werkgebied
from prognose import services
from prognose.models import Snapshot
from taakstelling import selectors
from taakstelling.models import (
    Bijstelling,
    IbtStatus,
    Koppeling,
    Maandrapportage,
    Realisatie,
    Taakstelling,
)

pytestmark = pytest.mark.django_db


def _genereer(*args: str) -> str:
    uit = io.StringIO()
    call_command("genereer_landelijk", *args, stdout=uit)
    return uit.getvalue()


def test_the_same_seed_writes_the_same_figures_and_another_seed_other_ones(demo):
    demo_voor = Gemeente.objects.exclude(cbs_code__startswith="GM8").count()
    _genereer("--gemeenten", "12", "--jaren", "1", "--seed", "7", "--zonder-prognose")
    eerste = landelijk.lees_terug()
    assert len(eerste["gemeenten"]) == 12 and len(eerste["realisaties"]) > 100

    uitvoer = _genereer(
        "--gemeenten", "12", "--jaren", "1", "--seed", "7", "--zonder-prognose", "--vervang"
    )
    assert landelijk.lees_terug() == eerste
    # The database holds exactly what the generator made, and the command names it.
    verwacht = landelijk.genereer(gemeenten=12, jaren=1, seed=7).vingerafdruk()
    assert landelijk.vingerafdruk_van(eerste) == verwacht
    assert f"vingerafdruk {verwacht}" in uitvoer

    _genereer("--gemeenten", "12", "--jaren", "1", "--seed", "8", "--zonder-prognose", "--vervang")
    ander = landelijk.lees_terug()
    assert ander["realisaties"] != eerste["realisaties"]
    assert ander["gemeenten"] != eerste["gemeenten"]
    # The demo is left alone.
    assert Gemeente.objects.exclude(cbs_code__startswith="GM8").count() == demo_voor


def test_a_second_run_without_vervang_is_refused_and_writes_nothing(demo):
    _genereer("--gemeenten", "3", "--jaren", "1", "--zonder-prognose")
    voor = Realisatie.objects.count()
    with pytest.raises(CommandError, match="--vervang"):
        _genereer("--gemeenten", "3", "--jaren", "1", "--zonder-prognose")
    assert Realisatie.objects.count() == voor
    with pytest.raises(CommandError, match="tussen 1 en 999"):
        _genereer("--gemeenten", "0", "--vervang")
    with pytest.raises(CommandError, match="JJJJ-MM"):
        _genereer("--tot", "september", "--vervang")


@pytest.fixture
def land(demo):
    _genereer("--gemeenten", "40", "--jaren", "3", "--seed", "11", "--zonder-prognose")
    return landelijk.synthetische_gemeenten()


def test_twelve_real_provincies_and_synthetic_gemeenten_that_never_collide_with_real_ones(land):
    assert set(Provincie.objects.values_list("naam", flat=True)) >= {
        naam for _, naam, _ in landelijk.PROVINCIES
    }
    assert Provincie.objects.filter(gemeenten__in=land).distinct().count() == 12
    codes = set(land.values_list("cbs_code", flat=True))
    assert codes == {f"GM{8001 + i}" for i in range(40)}
    assert not codes & {cbs for cbs, *_ in DEMO_GEMEENTEN}
    assert all(land.values_list("illustratief", flat=True))
    assert len(set(land.values_list("naam", flat=True))) == 40
    # Heavy-tailed: the big cities carry far more people than the median gemeente.
    inwoners = sorted(land.values_list("inwoners", flat=True))
    assert inwoners[-1] > 10 * inwoners[len(inwoners) // 2]


def test_quotas_follow_art_29_and_revisions_are_kept_apart(land):
    for t in Taakstelling.objects.filter(gemeente__in=land).select_related("gemeente"):
        h = Maand(t.jaar, 1 if t.helft == 1 else 7).halfjaar
        assert t.aantal == regels.taakstelling_art29(
            landelijk._landelijk(h), t.gemeente.inwoners, landelijk.INWONERS_NL
        )
        assert t.illustratief
    for b in Bijstelling.objects.filter(gemeente__in=land).select_related("taakstelling"):
        assert b.aantal > b.taakstelling.aantal and b.reden


def test_every_realisation_row_passes_the_checks_of_the_month_form(land):
    telregels = selectors.telregels()
    werkgebied = set(Werkgebied.objects.values_list("corporatie_id", "gemeente_id"))
    koppen = set(Maandrapportage.objects.filter(gemeente__in=land).values_list("gemeente", "maand"))
    bronnen = Counter()
    for r in Realisatie.objects.filter(gemeente__in=land).select_related("gemeente"):
        regel = regels.telregel_voor(r.bron_id, r.maand, telregels, r.gemeente.provincie_id)
        fouten = regels.controleer_realisatie(
            r.personen_gehuisvest, r.personen_tellend, r.woningen, regel
        )
        assert not fouten, (r, fouten)
        assert r.personen_tellend == regels.standaard_tellend(r.personen_gehuisvest, regel)
        assert (r.gemeente_id, r.maand) in koppen
        if r.bron_id == "regulier":
            assert (r.corporatie_id, r.gemeente_id) in werkgebied
        assert r.illustratief
        bronnen[r.bron_id] += 1
    assert {"regulier", "har", "har_uitplaatsing", "amv", "kamerverhuur"} <= set(bronnen)
    # Some months are missing (not entered), never written as zero.
    maanden = 36 * 40
    assert 0 < maanden - len(koppen) < maanden * 0.05


def test_supply_agreements_and_plans_stay_within_the_rules(land):
    werkgebied = set(Werkgebied.objects.values_list("corporatie_id", "gemeente_id"))
    for a in Aanbod.objects.filter(gemeente__in=land):
        assert (a.corporatie_id, a.gemeente_id) in werkgebied
        assert a.toegewezen_vh <= a.toegewezen_urgenten <= a.mutaties
        assert a.toegewezen_vh <= a.mutaties - a.ongeschikt
    for g in land:
        urgent = [
            (v.geldig_vanaf, v.geldig_tot)
            for v in Verdeelafspraak.objects.filter(
                gemeente=g, soort="aandeel_urgenten", corporatie=None
            ).order_by("geldig_vanaf")
        ]
        # Every day from the first month on has a share: the capacity is never unknown.
        assert urgent[0][0] == date(2023, 10, 1) and urgent[-1][1] is None
        for (_, tot), (vanaf, _) in pairwise(urgent):
            assert tot == vanaf
    planning = Planning.objects.filter(gemeente__in=land)
    assert planning.filter(pm=True, woningen__isnull=True).exists()
    assert not planning.filter(pm=True, woningen__isnull=False).exists()
    assert IbtStatus.objects.filter(gemeente__in=land).values("gemeente").distinct().count() == 40
    assert Koppeling.objects.filter(gemeente__in=land).count() > 36 * 40 * 0.95


def test_every_figure_is_marked_illustratief(land):
    from bemiddeling.models import Aanbodverwachting
    from prognose.models import Scenario
    from taakstelling.models import AmvCohort, Openingssaldo

    for model in (
        Realisatie,
        Koppeling,
        Taakstelling,
        Openingssaldo,
        AmvCohort,
        Aanbod,
        Aanbodverwachting,
        Verdeelafspraak,
        Scenario,
    ):
        rijen = model.objects.filter(gemeente__in=land)
        assert rijen.exists() and not rijen.filter(illustratief=False).exists(), model


def test_every_figure_has_its_creation_in_the_history(land):
    aantal = Realisatie.objects.filter(gemeente__in=land).count()
    historie = Realisatie.history.filter(
        gemeente__in=land, history_type="+", history_change_reason__contains="seed 11"
    )
    assert historie.count() == aantal
    assert (
        Aanbod.history.filter(gemeente__in=land).count()
        == Aanbod.objects.filter(gemeente__in=land).count()
    )


def test_the_stand_and_the_forecast_run_on_it(land, django_assert_max_num_queries):
    cbs = land.order_by("-inwoners").first().cbs_code
    uit = io.StringIO()
    call_command("stand", cbs, "--format", "json", stdout=uit)
    stand = json.loads(uit.getvalue())
    assert stand["gerealiseerd"]["personen_tellend"] > 0 and stand["mijlpalen"]
    uit = io.StringIO()
    call_command("prognose", cbs, "--format", "json", stdout=uit)
    assert json.loads(uit.getvalue())["mijlpalen"]

    ids = list(land.values_list("pk", flat=True))
    # 30, plus the basis snapshots at each province's peildatum for the IBT dashboard (issue 13).
    with django_assert_max_num_queries(32):
        snapshots = services.herberekenen_gemeenten(ids, vandaag=date(2026, 10, 15))
    basis = Snapshot.objects.filter(gemeente__in=land, scenario=None, actueel=True)
    assert basis.count() == 40 and len(snapshots) >= 40
    statussen = Counter(
        m["prognose"][methode]["status"]
        for s in basis
        for m in s.resultaat["mijlpalen"]
        for methode in ("plan", "trend", "capaciteit")
    )
    # A national picture has every outcome, not one status everywhere.
    assert {"op koers", "niet haalbaar"} <= set(statussen)
