"""Seed 000 (Almere, plan van aanpak juni 2023), sections 1-3, figure by figure.

Each test names the line of Almere's plan of approach (seed 000) it reproduces.
Pure rules only: these tests need no database.
"""

from datetime import date
from decimal import Decimal
from fractions import Fraction

from kern import aanbod as plan
from kern import regels
from kern.perioden import Halfjaar, Maand

BEZETTING = Decimal("2.2")  # L51
H1, H2 = Halfjaar(2023, 1), Halfjaar(2023, 2)

# L43/L46: Jan-Apr 2023, 48 dwellings, 98 persons of whom 20 from the HAR. The monthly split is
# the demo's (illustratief); only the four-month totals are the source's.
JAN_APR = [
    regels.Realisatieregel(Maand(2023, 1), "regulier", 22, 22, 11),
    regels.Realisatieregel(Maand(2023, 2), "regulier", 19, 19, 9),
    regels.Realisatieregel(Maand(2023, 2), "har_uitplaatsing", 12, 0, 5),
    regels.Realisatieregel(Maand(2023, 3), "regulier", 20, 20, 10),
    regels.Realisatieregel(Maand(2023, 4), "regulier", 17, 17, 9),
    regels.Realisatieregel(Maand(2023, 4), "har_uitplaatsing", 8, 0, 4),
]

MIJLPAAL_1_OKT = regels.Mijlpaal(date(2023, 10, 1), 293, date(2023, 1, 1), "provincie")  # L14
MIJLPAAL_31_DEC = regels.Mijlpaal(date(2023, 12, 31), 629, date(2023, 1, 1), "provincie")  # L15


def test_l33_l39_total_quota_2023_is_629_from_backlog_and_two_halves():
    achterstand_2022, h1, h2 = 32, 261, 336  # L36-L38
    assert achterstand_2022 + h1 + h2 == 629  # L39
    standaard = regels.standaard_mijlpalen([(H1, h1), (H2, h2)], beginsaldo=-achterstand_2022)
    assert [m.doel for m in standaard] == [293, 629]  # L14-15: 293 = 32 + 261; 629 adds 336


def test_l14_l15_province_milestones_replace_the_legal_half_year_ends():
    standaard = regels.standaard_mijlpalen([(H1, 261), (H2, 336)], beginsaldo=-32)
    geldend = regels.geldende_mijlpalen(standaard, [MIJLPAAL_1_OKT, MIJLPAAL_31_DEC])
    assert [(m.datum, m.doel) for m in geldend] == [
        (date(2023, 10, 1), 293),
        (date(2023, 12, 31), 629),
    ]


def test_l43_l46_98_housed_78_count_because_20_are_har_uitplaatsingen():
    t = regels.totalen(JAN_APR)
    assert (t.personen_gehuisvest, t.personen_tellend, t.woningen) == (98, 78, 48)
    har = sum(r.personen_gehuisvest for r in JAN_APR if r.bron == "har_uitplaatsing")
    assert har == 20


def test_l43_realised_bezetting_is_about_two_persons_per_dwelling():
    bezetting = regels.totalen(JAN_APR).bezetting
    assert bezetting == Decimal(98) / Decimal(48)
    assert regels.afronden(bezetting) == 2  # "gemiddeld 2 vergunninghouders per woning"


def test_l47_l49_215_and_551_still_to_house_after_april():
    stand = regels.stand_op(date(2023, 5, 1), JAN_APR, [MIJLPAAL_1_OKT, MIJLPAAL_31_DEC], BEZETTING)
    een_okt, eind_dec = stand.mijlpalen
    assert een_okt.gerealiseerd == eind_dec.gerealiseerd == 78
    assert een_okt.resterend == 215  # L47
    assert eind_dec.resterend == 551  # L49
    assert eind_dec.resterend_in_periode == 336  # L48: 2 okt - 31 dec


def test_l51_l57_needed_dwellings_98_153_251_at_bezetting_2_2():
    assert regels.benodigde_woningen(215, BEZETTING) == 98  # L55
    assert regels.benodigde_woningen(336, BEZETTING) == 153  # L56
    assert regels.benodigde_woningen(551, BEZETTING) == 251  # L57


def test_l51_the_stand_gives_the_same_dwellings_per_milestone():
    stand = regels.stand_op(date(2023, 5, 1), JAN_APR, [MIJLPAAL_1_OKT, MIJLPAAL_31_DEC], BEZETTING)
    assert [m.benodigde_woningen for m in stand.mijlpalen] == [98, 251]
    assert stand.mijlpalen[1].benodigde_woningen_in_periode == 153


def test_r6_decimal_gives_the_right_ceiling_where_floats_do_not():
    import math
    from fractions import Fraction

    # The float trap of R6: 45 x 2.2 is 99.00000000000001 in floats, and
    # 69 / 2.3 is 30.000000000000004, so a float ceiling asks for a 31st dwelling.
    assert math.ceil(45 * 2.2) == 100 and math.ceil(69 / 2.3) == 31
    assert regels.benodigde_woningen(99, BEZETTING) == 45  # 99 / 2.2 is exactly 45
    assert regels.benodigde_woningen(69, Decimal("2.3")) == 30
    # Exact for every head count up to a large gemeente's year, at the seed's and other
    # bezettingen (a float version fails on dozens of these).
    for bezetting in (BEZETTING, Decimal("2.3"), Decimal("1.7"), Decimal("3.15")):
        for personen in range(0, 2000):
            exact = math.ceil(Fraction(personen) / Fraction(bezetting))
            assert regels.benodigde_woningen(personen, bezetting) == exact


# --- section 3: the plan ------------------------------------------------------------------

# L139-L145: planned dwellings per action per month, May-Dec 2023 ('-' is 0, pm is pm).
MAANDEN = [Maand(2023, m) for m in range(5, 13)]
PLAN = {
    "prioritaire_toewijzing": [20, 20, 20, 20, 20, 20, 20, 20],
    "aankoop_vastgoed": [0, 0, 0, 0, 20, 20, 20, 10],
    "aftoppen_huren": [None] * 8,
    "schrappen_labels": [0, 2, 2, 2, 2, 2, 0, 0],
    "andere_verhuurders": [None] * 8,
    "amv": [0, 0, 0, 5, 0, 0, 5, 0],
    "har": [None] * 8,
}
CELLEN = [
    plan.PlanCel(actie, maand, woningen, BEZETTING)
    for actie, reeks in PLAN.items()
    for maand, woningen in zip(MAANDEN, reeks, strict=True)
]


def test_l102_l112_plan_totals_250_dwellings_550_persons_per_action():
    per_actie = {a: plan.plan_totaal([c for c in CELLEN if c.actie == a]) for a in PLAN}
    assert per_actie["prioritaire_toewijzing"].woningen == 160  # L102
    assert per_actie["prioritaire_toewijzing"].personen == 352
    assert per_actie["aankoop_vastgoed"].woningen == 70  # L105
    assert per_actie["aankoop_vastgoed"].personen == 154
    assert per_actie["schrappen_labels"].woningen == 10  # L107
    assert per_actie["schrappen_labels"].personen == 22
    assert per_actie["amv"].woningen == 10  # L110
    assert per_actie["amv"].personen == 22
    totaal = plan.plan_totaal(CELLEN)
    assert (totaal.woningen, totaal.personen) == (250, Decimal("550.0"))  # L112
    assert set(totaal.pm_acties) == {"aftoppen_huren", "andere_verhuurders", "har"}


def test_l146_monthly_dwellings_as_printed():
    per_maand = [plan.plan_totaal(CELLEN, m, m).woningen for m in MAANDEN]
    assert per_maand == [20, 22, 22, 27, 42, 42, 45, 30]  # L146


def test_l146_l147_133_dwellings_by_1_okt_are_292_6_persons_not_the_printed_291():
    tot_1_okt = plan.plan_tot_datum(CELLEN, date(2023, 10, 1))
    assert tot_1_okt.woningen == 133  # L146 "Resultaat per 1 okt"
    assert tot_1_okt.personen == Decimal("292.6")
    maanden_tot_okt = [plan.plan_totaal(CELLEN, m, m).personen for m in MAANDEN[:5]]
    afronding = regels.rond_af(maanden_tot_okt)
    assert afronding.delen == (44, 48, 48, 59, 92)  # L147 as printed
    assert sum(afronding.delen) == 291
    assert afronding.totaal == 293  # R7: the rounded exact total, as L147 prints
    assert afronding.verschil == 2


def test_l147_the_whole_plan_rounds_to_550_while_its_printed_months_add_to_548():
    afronding = regels.rond_af(plan.plan_totaal(CELLEN, m, m).personen for m in MAANDEN)
    assert afronding.delen == (44, 48, 48, 59, 92, 92, 99, 66)  # L147
    assert afronding.totaal == 550
    assert afronding.verschil == 2


def test_l149_pm_actions_are_listed_never_summed():
    cel = plan.PlanCel("aftoppen_huren", Maand(2023, 5), None, BEZETTING)
    assert cel.pm and cel.personen is None


# --- capacity (L61, L72, L78) -------------------------------------------------------------

URGENTEN = [
    plan.Aandeel(Fraction(40, 100), date(2023, 1, 1), date(2023, 7, 1)),  # L78 "tot 1 juli"
    plan.Aandeel(Fraction(35, 100), date(2023, 7, 1)),  # L78 "daarna circa 35%"
]
VH = [plan.Aandeel(Fraction(2, 3), date(2023, 1, 1))]  # L72 "twee derde"


def test_l61_l72_l78_capacity_24_dwellings_a_month_until_july():
    u = plan.aandeel_in_maand(Maand(2023, 6), URGENTEN)
    v = plan.aandeel_in_maand(Maand(2023, 6), VH)
    assert plan.capaciteit_vh(90, u, v) == 24  # 90 x 40% x 2/3, exactly


def test_l61_l72_l78_capacity_21_dwellings_a_month_from_july():
    u = plan.aandeel_in_maand(Maand(2023, 7), URGENTEN)
    v = plan.aandeel_in_maand(Maand(2023, 7), VH)
    assert plan.capaciteit_vh(90, u, v) == 21  # 90 x 35% x 2/3, exactly


def test_l139_prioritaire_toewijzing_of_20_a_month_fits_within_capacity():
    for maand in MAANDEN:
        capaciteit = plan.capaciteit_vh(
            90, plan.aandeel_in_maand(maand, URGENTEN), plan.aandeel_in_maand(maand, VH)
        )
        assert PLAN["prioritaire_toewijzing"][MAANDEN.index(maand)] <= capaciteit
