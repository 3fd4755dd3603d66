"""A national recompute spread over processes (prognose/rekenen/verdelen.py) gives exactly
what one process gives, fails as a whole when a helper fails, and leaves no process behind."""

import os
import threading

import pytest

from demo import landelijk
from prognose import services
from prognose.models import Snapshot
from prognose.rekenen import verdelen


def _kwadraat(x: int) -> int:
    return x * x


def _faalt_bij_zeven(x: int) -> int:
    if x == 7:
        raise ValueError("zeven is geen geldige invoer")
    return x


def _pid(_x: int) -> int:
    return os.getpid()


def _kinderen() -> set[int]:
    """Processes whose parent is this one (from /proc: no extra dependency)."""
    uit = set()
    for naam in os.listdir("/proc"):
        if naam.isdigit():
            try:
                with open(f"/proc/{naam}/stat") as f:
                    velden = f.read().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(velden[1]) == os.getpid():
                uit.add(int(naam))
    return uit


@pytest.mark.parametrize("processen", [1, 2, 3])
def test_results_come_back_in_order(processen):
    taken = list(range(100))
    assert verdelen.verdeeld(_kwadraat, taken, processen) == [x * x for x in taken]


def test_the_work_is_really_spread_over_processes():
    pids = set(verdelen.verdeeld(_pid, list(range(64)), 2))
    assert len(pids) == 2 and os.getpid() in pids


def test_outside_the_main_thread_everything_stays_in_this_process():
    uit = []
    t = threading.Thread(target=lambda: uit.extend(verdelen.verdeeld(_pid, list(range(64)), 2)))
    t.start()
    t.join()
    assert set(uit) == {os.getpid()}


def test_little_work_stays_in_this_process():
    assert set(verdelen.verdeeld(_pid, list(range(10)), 4)) == {os.getpid()}


def test_a_failing_helper_fails_the_whole_call_with_its_error():
    voor = _kinderen()
    # 7 lands in a helper's share (index 7 of 3 processes: 7 % 3 == 1).
    with pytest.raises(verdelen.HelperMislukt, match="zeven is geen geldige invoer"):
        verdelen.verdeeld(_faalt_bij_zeven, list(range(60)), 3)
    assert _kinderen() <= voor  # every helper reaped, none left as a zombie


def test_a_failure_in_this_process_leaves_no_helper_behind():
    voor = _kinderen()
    with pytest.raises(ValueError, match="zeven"):
        verdelen.verdeeld(_faalt_bij_zeven, list(range(120)), 7)  # 7 % 7 == 0: this process
    assert _kinderen() <= voor


@pytest.mark.django_db
def test_a_spread_recompute_stores_exactly_what_one_process_stores(settings):
    land = landelijk.genereer(gemeenten=40, jaren=3, seed=11)
    landelijk.schrijven(land)
    ids = set(landelijk.synthetische_gemeenten().values_list("pk", flat=True))

    def opgeslagen() -> dict:
        return {
            (s.gemeente_id, s.scenario_id, s.peildatum, s.actueel): (s.invoer_hash, s.resultaat)
            for s in Snapshot.objects.filter(gemeente_id__in=ids)
        }

    settings.PROGNOSE_PROCESSEN = 1
    Snapshot.objects.filter(gemeente_id__in=ids).delete()
    een = services.herberekenen_alle()
    alleen = opgeslagen()

    settings.PROGNOSE_PROCESSEN = 2
    Snapshot.objects.filter(gemeente_id__in=ids).delete()
    twee = services.herberekenen_alle()
    assert twee.nieuw == een.nieuw >= verdelen.MINIMUM
    assert opgeslagen() == alleen

    # The rows handed back (their JSON as text, from the helpers) give their forecast.
    Snapshot.objects.filter(gemeente_id__in=ids).delete()
    snapshots = services.herberekenen_gemeenten(sorted(ids))
    assert any(isinstance(s.resultaat, str) for s in snapshots)
    for s in snapshots:
        assert s.prognose().gemeente_id == s.gemeente_id
        assert s.prognose().peildatum == s.peildatum
