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
