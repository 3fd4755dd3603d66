"""The recompute skips the engine for inputs whose result is stored (prognose.services).

The same inputs hash, peildatum and engine version give the same result (the snapshot upsert
always relied on that); a recompute of unchanged inputs therefore only touches the rows.
"""

from datetime import date

import pytest

from organisaties.models import Gemeente
from prognose import services
from prognose.models import Snapshot
from prognose.rekenen import engine
from prognose.rekenen.gegevens import prognose_als_dict
from prognose.selectors import invoer
from taakstelling.models import Bron, Maandrapportage, Realisatie

pytestmark = pytest.mark.django_db


@pytest.fixture
def rekenaar(monkeypatch):
    """Records which opdrachten the engine really computed."""
    gerekend: list[list[int]] = []
    echt = engine.bereken_voorbereid

    def spion(voorbereidingen):
        gerekend.append([v.opdracht.gemeente_id for v in voorbereidingen])
        return echt(voorbereidingen)

    monkeypatch.setattr(engine, "bereken_voorbereid", spion)
    return gerekend


def test_unchanged_inputs_are_not_computed_again_and_keep_their_result(demo, rekenaar):
    services.herberekenen_alle()
    rekenaar.clear()
    uitkomst = services.herberekenen_alle()
    assert uitkomst.nieuw == 0 and uitkomst.snapshots == 8
    assert rekenaar == [[]]  # windowed and hashed, nothing computed
    # The rows handed back still give their forecast (read from the stored JSON).
    snapshot = next(s for s in services.herberekenen(demo.almere.pk) if s.scenario_id is None)
    vers = services.prognose(demo.almere, peildatum=snapshot.peildatum)
    assert prognose_als_dict(snapshot.prognose()) == prognose_als_dict(vers)


def test_only_the_changed_gemeente_is_computed(demo, rekenaar):
    services.herberekenen_alle()
    rekenaar.clear()
    Maandrapportage.objects.create(gemeente=demo.lelystad, maand=date(2023, 5, 1))
    Realisatie.objects.create(
        gemeente=demo.lelystad,
        maand=date(2023, 5, 1),
        bron=Bron.objects.get(code="amv"),
        personen_gehuisvest=4,
        personen_tellend=4,
        woningen=1,
    )
    uitkomst = services.herberekenen_alle()
    # Lelystad's own forecast is computed (the one new actueel row). Her May also moved the
    # province's peildatum to 1 June: the other Flevoland gemeenten get their basis at that
    # peildatum (not actueel) for the IBT dashboard; nothing outside Flevoland is computed.
    [berekend] = rekenaar
    assert berekend.count(demo.lelystad.pk) == 1 and uitkomst.nieuw == 1
    flevoland = set(Gemeente.objects.filter(provincie=demo.flevoland).values_list("pk", flat=True))
    assert set(berekend) <= flevoland
    for g in set(berekend) - {demo.lelystad.pk}:
        assert Snapshot.objects.filter(
            gemeente_id=g, scenario=None, peildatum=date(2023, 6, 1), actueel=False
        ).exists()
    nieuw = Snapshot.objects.get(gemeente=demo.lelystad, scenario=None, actueel=True)
    assert nieuw.peildatum == date(2023, 6, 1)
    assert nieuw.resultaat == prognose_als_dict(
        services.prognose(demo.lelystad, peildatum=date(2023, 6, 1))
    )


def test_a_stored_result_that_went_in_the_meantime_is_computed_after_all(demo):
    batch = invoer.laad([demo.almere.pk])
    opdracht = engine.Opdracht(demo.almere.pk, date(2023, 5, 1))
    voorbereid = engine.voorbereiden(batch, [opdracht])[0]
    Snapshot.objects.filter(gemeente=demo.almere, scenario=None).delete()
    snapshots, nieuw = services._schrijven([(demo.almere.pk, None, voorbereid)], {})
    assert nieuw == 1
    assert snapshots[0].resultaat == prognose_als_dict(engine.bereken(batch, [opdracht])[0])
    assert Snapshot.objects.get(gemeente=demo.almere, scenario=None).actueel
