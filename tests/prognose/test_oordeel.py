"""One verdict per milestone (prognose/rekenen/oordeel.py): every branch of the rule, worked
out by hand, and the sentence that goes with it. Pure: no database."""

from fractions import Fraction

import pytest

from kern.perioden import Maand
from prognose.rekenen import oordeel as o
from prognose.rekenen.oordeel import NIET_HAALBAAR, ONBEKEND, OP_KOERS, RISICO, beoordeel

F = Fraction
JUNI = Maand(2023, 6)
JULI = Maand(2023, 7)

# doel 629, geteld 78: still 551 to go, the risk margin is 55,1 persons (10% of 551).
ALMERE = {"doel": 629, "gerealiseerd": 78, "maanden": 8}

GEVALLEN = [
    # (name, arguments, status, branch, words the sentence must hold)
    (
        "al gehaald, ook met een ontbrekende maand",
        {
            "doel": 46,
            "gerealiseerd": 50,
            "maanden": 2,
            "plan": None,
            "trend": None,
            "capaciteit": None,
            "kans": None,
            "ontbrekend": [JUNI],
        },
        OP_KOERS,
        o.GEHAALD,
        ["Het doel van 46 personen is gehaald: 50 geteld."],
    ),
    (
        "geen maanden meer, niet gehaald",
        {
            "doel": 293,
            "gerealiseerd": 280,
            "maanden": 0,
            "plan": F(280),
            "trend": F(280),
            "capaciteit": F(280),
            "kans": 0.0,
        },
        NIET_HAALBAAR,
        o.NIET_GEHAALD,
        ["280 van de 293 personen geteld, 13 te weinig"],
    ),
    (
        "geen enkele prognose",
        {**ALMERE, "plan": None, "trend": None, "capaciteit": None, "kans": None},
        ONBEKEND,
        o.GEEN_PROGNOSE,
        ["Geen prognose voor het doel van 629 personen"],
    ),
    (
        "plan ruim te kort en het tempo haalt het ook niet",
        {**ALMERE, "plan": F(500), "trend": F(450), "capaciteit": F(700), "kans": 0.4},
        NIET_HAALBAAR,
        o.PLAN_RUIM_TEKORT,
        [
            "Het plan komt op 500, 129 onder het doel van 629",
            "in het huidige tempo komt u op 450",
            "kans 40%",
        ],
    ),
    (
        "plan ruim te kort zonder tempo",
        {**ALMERE, "plan": F(500), "trend": None, "capaciteit": None, "kans": 0.3},
        NIET_HAALBAAR,
        o.PLAN_RUIM_TEKORT,
        ["er is geen tempo"],
    ),
    (
        "plan haalt, maar tempo en aanbod ruim te kort en kans klein",
        {**ALMERE, "plan": F(640), "trend": F(300), "capaciteit": F(400), "kans": 0.12},
        NIET_HAALBAAR,
        o.TEMPO_EN_AANBOD_RUIM_TEKORT,
        [
            "Het plan haalt 640 (doel 629)",
            "in het huidige tempo komt u op 300 en met het corporatieaanbod op 400, beide ruim "
            "onder het doel",
            "kans 12%",
        ],
    ),
    (
        "geen plan, tempo ruim te kort, kans klein",
        {
            "doel": 46,
            "gerealiseerd": 10,
            "maanden": 3,
            "plan": None,
            "trend": F(20),
            "capaciteit": None,
            "kans": 0.05,
        },
        NIET_HAALBAAR,
        o.TEMPO_EN_AANBOD_RUIM_TEKORT,
        [
            "Er is geen plan voor de komende maanden (doel 46)",
            "in het huidige tempo komt u op 20, ruim onder het doel",
        ],
    ),
    (
        "alleen aanbod, ruim te kort, kans onbekend",
        {
            "doel": 46,
            "gerealiseerd": 10,
            "maanden": 3,
            "plan": None,
            "trend": None,
            "capaciteit": F(20),
            "kans": None,
        },
        NIET_HAALBAAR,
        o.TEMPO_EN_AANBOD_RUIM_TEKORT,
        ["met het corporatieaanbod komt u op 20, ruim onder het doel", "kans onbekend"],
    ),
    (
        "plan en tempo halen het",
        {
            "doel": 293,
            "gerealiseerd": 78,
            "maanden": 5,
            "plan": F("370.6"),
            "trend": F(300),
            "capaciteit": F(250),
            "kans": 0.6,
        },
        OP_KOERS,
        o.HAALBAAR,
        ["Het plan haalt 371 (doel 293) en in het huidige tempo komt u op 300; kans 60%."],
    ),
    (
        "plan haalt, tempo niet, maar de kans is groot",
        {**ALMERE, "plan": F(700), "trend": F(600), "capaciteit": None, "kans": 0.8},
        OP_KOERS,
        o.HAALBAAR,
        ["Het plan haalt 700 (doel 629); in het huidige tempo komt u op 600, maar de kans is 80%."],
    ),
    (
        "kans precies op de grens van 75%",
        {**ALMERE, "plan": F(700), "trend": F(600), "capaciteit": None, "kans": 0.75},
        OP_KOERS,
        o.HAALBAAR,
        [],
    ),
    (
        "plan haalt, tempo ruim te kort: ook een grote kans maakt het niet op koers (Almere)",
        {
            "doel": 293,
            "gerealiseerd": 78,
            "maanden": 5,
            "plan": F("370.6"),
            "trend": F(171),
            "capaciteit": F(377),
            "kans": 0.95,
        },
        RISICO,
        o.ONZEKER,
        ["Het plan haalt 371 (doel 293), maar in het huidige tempo komt u op 171; kans 95%."],
    ),
    (
        "plan haalt, geen tempo, grote kans",
        {**ALMERE, "plan": F(700), "trend": None, "capaciteit": None, "kans": 0.8},
        OP_KOERS,
        o.HAALBAAR,
        ["er is geen tempo", "maar de kans is 80%"],
    ),
    (
        "plan haalt, tempo niet en de kans is middelmatig",
        {
            "doel": 293,
            "gerealiseerd": 78,
            "maanden": 5,
            "plan": F("370.6"),
            "trend": F(171),
            "capaciteit": F(250),
            "kans": 0.74,
        },
        RISICO,
        o.ONZEKER,
        ["Het plan haalt 371 (doel 293), maar in het huidige tempo komt u op 171; kans 74%."],
    ),
    (
        "plan net te kort: binnen de marge",
        {**ALMERE, "plan": F(628), "trend": F(640), "capaciteit": None, "kans": 0.52},
        RISICO,
        o.ONZEKER,
        ["Het plan komt op 628, 1 onder het doel van 629"],
    ),
    (
        "afronden verbergt geen tekort",
        {
            "doel": 293,
            "gerealiseerd": 78,
            "maanden": 5,
            "plan": F("292.6"),
            "trend": F(300),
            "capaciteit": None,
            "kans": 0.5,
        },
        RISICO,
        o.ONZEKER,
        ["Het plan komt op 292,6, 0,4 onder het doel van 293"],
    ),
    (
        "plan ruim te kort, maar het tempo haalt het",
        {**ALMERE, "plan": F(500), "trend": F(700), "capaciteit": None, "kans": 0.3},
        RISICO,
        o.ONZEKER,
        ["in het huidige tempo komt u op 700"],
    ),
    (
        "geen plan, tempo haalt het (Dronten)",
        {
            "doel": 46,
            "gerealiseerd": 20,
            "maanden": 3,
            "plan": None,
            "trend": F(57),
            "capaciteit": F(50),
            "kans": 0.9,
        },
        RISICO,
        o.ONZEKER,
        [
            "Er is geen plan voor de komende maanden (doel 46); in het huidige tempo komt u op 57;"
            " met het corporatieaanbod komt u op 50; kans 90%."
        ],
    ),
    (
        "tempo en aanbod ruim te kort, maar de kans is niet klein",
        {**ALMERE, "plan": F(640), "trend": F(300), "capaciteit": F(400), "kans": 0.2},
        RISICO,
        o.ONZEKER,
        [],
    ),
    (
        "alles haalt het, maar er ontbreekt een maand",
        {
            **ALMERE,
            "plan": F(700),
            "trend": F(700),
            "capaciteit": F(700),
            "kans": 0.9,
            "ontbrekend": [JUNI],
        },
        RISICO,
        o.ONZEKER,
        [
            "voor juni 2023 zijn nog geen cijfers ingevoerd: zonder die cijfers is het oordeel "
            "hoogstens risico"
        ],
    ),
    (
        "twee ontbrekende maanden en het tempo haalt het niet",
        {
            **ALMERE,
            "plan": F(700),
            "trend": F(600),
            "capaciteit": None,
            "kans": 0.5,
            "ontbrekend": [JULI, JUNI],
        },
        RISICO,
        o.ONZEKER,
        ["voor juni 2023 en juli 2023 zijn nog geen cijfers ingevoerd"],
    ),
    (
        "plan ruim te kort met een ontbrekende maand: niet haalbaar blijft niet haalbaar",
        {
            **ALMERE,
            "plan": F(400),
            "trend": F(400),
            "capaciteit": None,
            "kans": 0.01,
            "ontbrekend": [JUNI],
        },
        NIET_HAALBAAR,
        o.PLAN_RUIM_TEKORT,
        ["voor juni 2023 zijn nog geen cijfers ingevoerd"],
    ),
]


@pytest.mark.parametrize(
    ("argumenten", "status", "regel", "woorden"),
    [g[1:] for g in GEVALLEN],
    ids=[g[0] for g in GEVALLEN],
)
def test_the_verdict_follows_the_rule(argumenten, status, regel, woorden):
    argumenten = {"plan": None, "trend": None, "capaciteit": None, "kans": None, **argumenten}
    uitkomst = beoordeel(**argumenten)
    assert (uitkomst.status, uitkomst.regel) == (status, regel), uitkomst.reden
    for w in woorden:
        assert w in uitkomst.reden
    # One Dutch sentence, no internal codes or English.
    assert uitkomst.reden[0].isupper() and uitkomst.reden.endswith(".")
    assert "_" not in uitkomst.reden and "None" not in uitkomst.reden
    assert uitkomst.ontbrekende_maanden == tuple(sorted(argumenten.get("ontbrekend", ())))


def test_the_risk_margin_is_ten_percent_of_what_is_left():
    # 551 still to go: short by 55 is within the margin (risico), by 56 not (niet haalbaar).
    basis = {**ALMERE, "trend": F(600), "capaciteit": None, "kans": 0.3}
    assert beoordeel(**basis, plan=F(629 - 55)).status == RISICO
    assert beoordeel(**basis, plan=F(629 - 56)).status == NIET_HAALBAAR


def test_the_verdict_travels_through_json_unchanged():
    uitkomst = beoordeel(
        **ALMERE, plan=F(700), trend=F(700), capaciteit=None, kans=0.9, ontbrekend=[JUNI]
    )
    assert o.uit_dict(o.als_dict(uitkomst)) == uitkomst


# --- the engine computes it once and the snapshot's JSON carries it ------------------------


def test_the_engine_gives_seed_000_one_verdict_per_milestone():
    from datetime import date

    from prognose.rekenen.engine import bereken_invoer
    from tests.prognose.seed import PEILDATUM, almere

    p = bereken_invoer(almere(), PEILDATUM)
    okt, dec = p.mijlpaal(date(2023, 10, 1)), p.mijlpaal(date(2023, 12, 31))
    # The plan alone says op koers for 1 okt; the verdict weighs the pace too.
    assert okt.plan.status == OP_KOERS
    assert okt.oordeel.status == RISICO and okt.oordeel.regel == o.ONZEKER
    assert okt.oordeel.reden.startswith("Het plan haalt 371 (doel 293), maar in het huidige")
    assert dec.oordeel.status == RISICO
    assert "Het plan komt op 628, 1 onder het doel van 629" in dec.oordeel.reden


def test_a_stored_verdict_is_read_back_and_an_old_snapshot_gets_the_same_one():
    from dataclasses import replace

    from prognose.rekenen.engine import bereken_invoer
    from prognose.rekenen.gegevens import prognose_als_dict, prognose_uit_dict
    from tests.prognose.seed import PEILDATUM, almere

    p = bereken_invoer(almere(), PEILDATUM)
    d = prognose_als_dict(p)
    assert [m["oordeel"]["status"] for m in d["mijlpalen"]] == [RISICO, RISICO]
    # Read back: the stored verdict, even where the rule would now say otherwise.
    d["mijlpalen"][0]["oordeel"]["reden"] = "Zoals bewaard."
    assert prognose_uit_dict(d).mijlpalen[0].oordeel.reden == "Zoals bewaard."
    # A snapshot of an older engine version has no verdict: the same rule gives it on reading.
    for m in d["mijlpalen"]:
        del m["oordeel"]
    oud = prognose_uit_dict(d)
    assert [m.oordeel for m in oud.mijlpalen] == [m.oordeel for m in p.mijlpalen]
    # A missing month counts: without April's figures the verdict names it, never op koers.
    invoer = almere()
    zonder_april = replace(
        invoer,
        realisatie=tuple(r for r in invoer.realisatie if r.maand != Maand(2023, 4)),
        ingevoerd=frozenset(m for m in invoer.ingevoerd if m != Maand(2023, 4)),
    )
    q = bereken_invoer(zonder_april, PEILDATUM)
    for m in q.mijlpalen:
        assert m.oordeel.ontbrekende_maanden == (Maand(2023, 4),)
        assert m.oordeel.status != OP_KOERS
        assert "voor april 2023 zijn nog geen cijfers ingevoerd" in m.oordeel.reden
