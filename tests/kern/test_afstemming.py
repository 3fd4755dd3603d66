"""Three-way reconciliation rules (kern/afstemming.py): each difference with its likely cause."""

from kern.afstemming import GELIJK, Maandinvoer, afstemmen


def _m(maand, **kw):
    basis = {
        "ingevuld": True,
        "corporaties_gemeld": 2,
        "corporaties_totaal": 2,
    }
    return Maandinvoer(maand=maand, naam=maand, **(basis | kw))


def _oorzaken(regels, tussen):
    return [next(v for v in r.verschillen if v.tussen == tussen).oorzaak for r in regels]


def test_equal_missing_and_partial_reports():
    regels = afstemmen(
        [
            _m(
                "2023-01",
                woningen_regulier=4,
                corporaties_vh_woningen=4,
                tellend=9,
                coa_gehuisvest=9,
            ),
            _m("2023-02", ingevuld=False),
            _m("2023-03", woningen_regulier=4, corporaties_vh_woningen=2, corporaties_gemeld=1),
            _m("2023-04", woningen_regulier=4, corporaties_gemeld=0),
        ],
        halfjaar="2023-H1",
        halfjaar_naam="eerste helft 2023",
        coa_gerealiseerd=30,
    )
    corp = _oorzaken(regels, "gemeente en corporaties")
    assert corp[0] == GELIJK
    assert "niet ingevuld" in corp[1]
    assert "1 van 2" in corp[2]
    assert "Geen corporatie" in corp[3]
    coa = _oorzaken(regels, "gemeente en COA")
    assert coa[0] == GELIJK and "noemt deze maand niet" in coa[2]
    # the half-year: a missing month makes the own total unknown, never a partial sum
    totaal = regels[-1].verschillen
    assert totaal[1].eigen is None and "2023-02" in totaal[1].oorzaak


def test_a_shift_between_months_is_recognised_as_timing():
    regels = afstemmen(
        [
            _m(
                "2023-05",
                woningen_regulier=3,
                corporaties_vh_woningen=5,
                tellend=7,
                coa_gehuisvest=5,
            ),
            _m(
                "2023-06",
                woningen_regulier=6,
                corporaties_vh_woningen=4,
                tellend=6,
                coa_gehuisvest=8,
            ),
        ],
        halfjaar="2023-H1",
        halfjaar_naam="eerste helft 2023",
        coa_gerealiseerd=13,
    )
    assert all("Verschil in maand" in o for o in _oorzaken(regels[:2], "gemeente en corporaties"))
    assert all("Verschil in maand" in o for o in _oorzaken(regels[:2], "gemeente en COA"))
    h = regels[-1].verschillen
    assert (h[0].eigen, h[0].ander, h[0].verschil) == (9, 9, 0)
    assert (h[1].eigen, h[1].ander, h[1].verschil) == (13, 13, 0)


def test_amv_and_har_explain_a_difference_with_coa():
    regels = afstemmen(
        [
            _m("2023-01", tellend=10, amv=3, coa_gehuisvest=8),
            _m("2023-03", tellend=10, har_uitplaatsing=4, coa_gehuisvest=14),
            _m("2023-05", tellend=10, coa_gehuisvest=30),
        ],
        halfjaar="2023-H1",
        halfjaar_naam="eerste helft 2023",
        coa_gerealiseerd=None,
    )
    coa = _oorzaken(regels, "gemeente en COA")
    assert "AMV" in coa[0] and "HAR-uitplaatsingen" in coa[1] and "navragen bij het COA" in coa[2]
    assert "noemt dit halfjaar niet" in regels[-1].verschillen[1].oorzaak


def test_worked_case_per_household_names_the_households_behind_each_difference():
    """May and June 2023, kept per household. May: the gemeente counts 7 persons (household
    a1… 3 persons moved on 29 May through corporatie 1, b2… 2 persons on 10 May through
    corporatie 2, and 2 nareizigers of c3… arrived on 15 May); COA counts 5: the 2 nareizigers
    (they did not come from the reception). Only corporatie 2 reported (1 dwelling to VH of
    the gemeente's 2 regular): a1…'s corporatie is the one missing. June: d4… (4 persons)
    moved on 30 June; COA's overview of 10 July counts 0: housed, not yet processed."""
    from datetime import date

    from kern.afstemming import Huishoudenregel

    a1 = Huishoudenregel("a1a1a1a1a1a1", "verhuisd", date(2023, 5, 29), 3, "regulier", 1)
    b2 = Huishoudenregel("b2b2b2b2b2b2", "verhuisd", date(2023, 5, 10), 2, "regulier", 2)
    c3 = Huishoudenregel("c3c3c3c3c3c3", "nareizigers", date(2023, 5, 15), 2, "regulier", 2)
    d4 = Huishoudenregel("d4d4d4d4d4d4", "verhuisd", date(2023, 6, 30), 4, "flexwoning")
    regels = afstemmen(
        [
            _m(
                "2023-05",
                tellend=7,
                woningen_regulier=2,
                corporaties_vh_woningen=1,
                corporaties_gemeld=1,
                gemelde_corporaties=frozenset({2}),
                coa_gehuisvest=5,
                coa_publicatie=date(2023, 7, 10),
                laatste_dag=date(2023, 5, 31),
                per_huishouden=True,
                huishoudens=(a1, b2, c3),
            ),
            _m(
                "2023-06",
                tellend=4,
                coa_gehuisvest=0,
                coa_publicatie=date(2023, 7, 10),
                laatste_dag=date(2023, 6, 30),
                per_huishouden=True,
                huishoudens=(d4,),
                corporaties_gemeld=0,
            ),
        ],
        halfjaar="2023-H1",
        halfjaar_naam="eerste helft 2023",
        coa_gerealiseerd=None,
    )
    mei_corp, mei_coa = regels[0].verschillen
    assert (mei_coa.eigen, mei_coa.ander, mei_coa.verschil) == (7, 5, -2)
    assert "nareizigers (2 deze maand aangekomen)" in mei_coa.oorzaak
    assert mei_coa.huishoudens == ["c3c3c3c3c3c3 (2 p., nareizigers aangekomen op 15-5)"]
    assert (mei_corp.eigen, mei_corp.ander, mei_corp.verschil) == (2, 1, -1)
    assert "1 van 2" in mei_corp.oorzaak
    assert mei_corp.huishoudens == ["a1a1a1a1a1a1 (3 p., verhuisd op 29-5)"]
    juni_coa = regels[1].verschillen[1]
    assert juni_coa.verschil == -4
    assert "nog niet verwerkt door het COA" in juni_coa.oorzaak and "10-7-2023" in juni_coa.oorzaak
    assert juni_coa.huishoudens == ["d4d4d4d4d4d4 (4 p., verhuisd op 30-6)"]
    # the same figures kept as totals: causes, but no households
    totalen = afstemmen(
        [_m("2023-05", tellend=7, coa_gehuisvest=5, huishoudens=(a1, b2, c3))],
        halfjaar="2023-H1",
        halfjaar_naam="eerste helft 2023",
        coa_gerealiseerd=None,
    )
    assert totalen[0].verschillen[1].huishoudens == []
