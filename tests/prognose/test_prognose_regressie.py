"""The forecast of 20 synthetic gemeenten (10 years of months) stays exactly what it was.

``prognose_20_gemeenten.json.gz`` holds the JSON (``prognose_als_dict``) of the basis and of
one scenario per gemeente, computed by the engine as it was before it was made faster
(bench/README.md, "Prognose"). Any change in any figure, text or exact fraction fails this
test: a speed-up must not change a result (the engine version and the inputs hash, which
follow the source code, are left out). A deliberate change of the forecast writes a new file:
``PROGNOSE_VERWACHT_SCHRIJVEN=1 pytest`` this file, after reading what changed.
"""

import gzip
import json
import os
from datetime import date
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

import pytest

from demo import landelijk
from prognose.rekenen import engine
from prognose.rekenen.gegevens import prognose_als_dict
from prognose.rekenen.scenario import Parameters
from prognose.selectors import invoer

pytestmark = pytest.mark.django_db

VERWACHT = Path(__file__).with_name("prognose_20_gemeenten.json.gz")
VANDAAG = date(2026, 10, 15)
SCENARIO = Parameters(
    bezetting=Decimal("2.0"),
    aandeel_urgenten=Fraction(2, 5),
    aandeel_urgenten_na=Fraction(1, 3),
    wisseldatum=date(2027, 1, 1),
    aandeel_vh=Fraction(3, 4),
    extra_woningen=(("prioritaire_toewijzing", 2), ("flexwoningen", 1)),
)


def _prognoses() -> list[dict]:
    land = landelijk.genereer(gemeenten=20, jaren=10, seed=2024)
    landelijk.schrijven(land)
    ids = sorted(landelijk.synthetische_gemeenten().values_list("pk", flat=True))
    batch = invoer.laad(ids)
    peil = engine.standaard_peildata(batch, VANDAAG)
    opdrachten = []
    for g in ids:
        opdrachten.append(engine.Opdracht(g, peil[g]))
        opdrachten.append(engine.Opdracht(g, peil[g], SCENARIO, "regressie"))
    uitkomst = []
    for p in engine.bereken(batch, opdrachten):
        d = prognose_als_dict(p)
        d["gemeente"].pop("id")  # a database id, different in every database
        # The version is a hash of the engine's source and the inputs hash contains it: a
        # change to the code that changes no result (a speed-up) must pass this test.
        d.pop("engine_versie")
        d.pop("invoer_hash")
        uitkomst.append(d)
    return uitkomst


def _verschil(a, b, pad="") -> str | None:
    if type(a) is not type(b):
        return f"{pad}: {a!r} != {b!r}"
    if isinstance(a, dict):
        for k in sorted(set(a) | set(b)):
            if k not in a or k not in b:
                return f"{pad}.{k}: alleen in {'verwacht' if k in a else 'nu'}"
            if (v := _verschil(a[k], b[k], f"{pad}.{k}")) is not None:
                return v
        return None
    if isinstance(a, list):
        if len(a) != len(b):
            return f"{pad}: {len(a)} tegen {len(b)} elementen"
        for i, (x, y) in enumerate(zip(a, b, strict=True)):
            if (v := _verschil(x, y, f"{pad}[{i}]")) is not None:
                return v
        return None
    return None if a == b else f"{pad}: verwacht {a!r}, nu {b!r}"


def test_the_forecast_of_20_national_gemeenten_is_unchanged(demo):
    nu = _prognoses()
    if os.environ.get("PROGNOSE_VERWACHT_SCHRIJVEN") == "1":
        tekst = json.dumps(nu, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
        VERWACHT.write_bytes(gzip.compress(tekst.encode(), mtime=0))
        pytest.skip(f"{VERWACHT.name} opnieuw geschreven")
    verwacht = json.loads(gzip.decompress(VERWACHT.read_bytes()))
    assert len(nu) == len(verwacht) == 40
    # Both methods and the probability, per milestone: not a forecast that says nothing.
    assert any(m["prognose"]["capaciteit"]["personen"] for d in nu for m in d["mijlpalen"])
    assert any(d["scenario"] == "regressie" for d in nu)
    assert (verschil := _verschil(verwacht, nu)) is None, verschil
