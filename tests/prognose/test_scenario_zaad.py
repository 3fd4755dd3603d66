"""The same scenario gives the same forecast, however it was typed and whether or not it was
saved: the random draws follow the normalised parameters, not the text or the name."""

from datetime import date
from decimal import Decimal

import pytest

from prognose import services
from prognose.rekenen import scenario

pytestmark = pytest.mark.django_db

PEILDATUM = date(2023, 5, 1)


def _lees(**velden):
    p, fouten = scenario.lees(velden)
    assert fouten == {}
    return p


@pytest.mark.parametrize(("a", "b"), [("2", "2,0"), ("2,2", "2,20"), ("10", "10,00")])
def test_bezetting_as_typed_is_one_canonical_value(a, b):
    pa, pb = _lees(bezetting=a), _lees(bezetting=b)
    assert pa == pb
    assert scenario.als_dict(pa) == scenario.als_dict(pb)
    assert "E" not in scenario.als_dict(pa)["bezetting"]  # 10, not 1E+1
    assert scenario.uit_dict(scenario.als_dict(pa)) == pa


def _kansen(prognose):
    return [(m.datum, m.kans.waarde, m.kans.p10, m.kans.p90) for m in prognose.mijlpalen]


def test_typed_differently_saved_or_not_the_same_probability(demo):
    twee = _lees(bezetting="2", aandeel_urgenten="40%")
    twee_komma_nul = _lees(bezetting="2,0", aandeel_urgenten="0,4")
    uitkomst, _ = services.prognoses(
        demo.almere,
        PEILDATUM,
        [
            ("uw scenario", twee),  # unsaved, as the page names it
            ("bezetting twee", twee_komma_nul),  # a saved scenario's name
            ("uit de opslag", scenario.uit_dict(scenario.als_dict(twee_komma_nul))),
        ],
    )
    kansen = {naam: _kansen(p) for naam, p in uitkomst.items()}
    assert any(k[1] is not None for k in kansen["uw scenario"])
    assert kansen["uw scenario"] == kansen["bezetting twee"] == kansen["uit de opslag"]
    assert twee.bezetting == Decimal("2")
