"""The demo pipeline of Almere (issue 14 §10): believable sizes, marked illustratief, and the
aggregate months untouched (no month kept per household)."""

from bemiddeling.models import Huishouden
from kern import huishoudens as HH
from taakstelling.models import Invoerwijze


def test_almere_has_an_illustrative_pipeline(demo):
    rijen = list(Huishouden.objects.filter(gemeente=demo.almere))
    assert 140 <= len(rijen) <= 160
    assert all(h.illustratief for h in rijen)
    wachtend = [h for h in rijen if h.status in HH.WACHTEND]
    alleen = sum(1 for h in wachtend if h.volwassenen + h.kinderen == 1)
    assert 0.75 <= alleen / len(wachtend) <= 0.92
    verhuisd = [h for h in rijen if h.status == "verhuisd"]
    bezetting = sum(h.grootte for h in verhuisd) / len(verhuisd)
    assert 1.8 <= bezetting <= 2.2, bezetting
    assert not Invoerwijze.objects.exists()
