"""The pure rules of households (kern/huishoudens.py): key, transitions, norm, classes."""

from datetime import date, timedelta

import pytest

from kern import huishoudens as HH
from kern.huishoudens import Stap, Status


def test_the_key_is_an_hmac_of_the_reference_and_ignores_spaces_and_case():
    a = HH.pseudoniem("coa-123 456", "geheim")
    assert a == HH.pseudoniem(" COA-123456", "geheim")
    assert len(a) == 64 and "123456" not in a
    assert a != HH.pseudoniem("coa-123456", "ander geheim")
    with pytest.raises(ValueError, match="referentie"):
        HH.pseudoniem("  ", "geheim")


@pytest.mark.parametrize(
    ("status", "stap", "nieuw"),
    [
        (Status.GEKOPPELD, Stap.AANBIEDEN, Status.AANGEBODEN),
        (Status.AANGEBODEN, Stap.WEIGEREN, Status.GEKOPPELD),
        (Status.AANGEBODEN, Stap.TEKENEN, Status.GETEKEND),
        (Status.GETEKEND, Stap.VERHUIZEN, Status.VERHUISD),
        (Status.GEKOPPELD, Stap.UITVALLEN, Status.UITGEVALLEN),
        (Status.GETEKEND, Stap.UITVALLEN, Status.UITGEVALLEN),
    ],
)
def test_allowed_transitions(status, stap, nieuw):
    assert HH.volgende_status(status, stap) == nieuw


def test_every_other_transition_is_refused_in_dutch():
    toegestaan = set(HH.OVERGANGEN)
    for status in Status:
        for stap in Stap:
            if (status, stap) in toegestaan:
                continue
            with pytest.raises(ValueError, match="kan niet bij een huishouden met status"):
                HH.volgende_status(status, stap)
    with pytest.raises(ValueError, match="geen volgende stap"):
        HH.volgende_status(Status.VERHUISD, Stap.UITVALLEN)


def test_overdue_exactly_at_ten_and_twelve_weeks():
    koppel = date(2024, 1, 1)
    dag = koppel + timedelta(weeks=10)
    assert HH.te_laat("gekoppeld", koppel, dag - timedelta(days=1)) == {
        "contract": False,
        "verhuizing": False,
    }
    assert HH.te_laat("gekoppeld", koppel, dag) == {"contract": True, "verhuizing": False}
    assert HH.te_laat("getekend", koppel, dag) == {"contract": False, "verhuizing": False}
    twaalf = koppel + timedelta(weeks=12)
    assert HH.te_laat("getekend", koppel, twaalf - timedelta(days=1))["verhuizing"] is False
    assert HH.te_laat("getekend", koppel, twaalf)["verhuizing"] is True
    assert HH.te_laat("verhuisd", koppel, twaalf) == {"contract": False, "verhuizing": False}


@pytest.mark.parametrize(
    ("personen", "klasse"), [(1, "1"), (2, "2"), (3, "3-4"), (4, "3-4"), (5, "5+"), (9, "5+")]
)
def test_size_classes(personen, klasse):
    assert HH.grootteklasse(personen) == klasse


def test_needs_groot_gezin_follows_from_size_and_unknown_codes_are_refused():
    assert HH.behoeften(["medisch"], 5) == ["groot_gezin", "medisch"]
    assert HH.behoeften(["medisch"], 4) == ["medisch"]
    with pytest.raises(ValueError, match="Onbekende behoefte"):
        HH.controleer_behoeften(["zwembad"])


def test_realisation_from_moves_per_source_and_corporatie():
    regels = HH.realisatie_uit_verhuizingen(
        [
            HH.Verhuizing("regulier", 7, 1, 1),
            HH.Verhuizing("regulier", 7, 4, 1),
            HH.Verhuizing("regulier", 8, 2, 1),
            HH.Verhuizing("flexwoning", 7, 2, 1),  # corporatie ignored outside regulier
            HH.Verhuizing("regulier", 7, 1, 0),  # nareiziger arriving later
        ]
    )
    assert regels == [
        HH.AfgeleideRegel("regulier", 7, 6, 2),
        HH.AfgeleideRegel("regulier", 8, 2, 1),
        HH.AfgeleideRegel("flexwoning", None, 2, 1),
    ]


@pytest.mark.parametrize(("n", "tekst"), [(0, "0"), (1, "<5"), (4, "<5"), (5, "5"), (12, "12")])
def test_small_counts_are_hidden(n, tekst):
    assert HH.verberg_klein(n) == tekst


def test_does_the_supply_fit_per_size_class():
    from decimal import Decimal

    rijen = HH.past_het_aanbod(
        {"1": 53, "2": 4, "3-4": 5},
        {"1": Decimal(9), "2": Decimal(6), "3-4": Decimal("7.5"), "5+": None},
    )
    een, twee, drie, vijf = rijen
    assert (een.aanbod, een.tekort) == (Decimal(27), Decimal(26))
    assert round(een.weken, 1) == Decimal("25.6")  # 53 / 9 per month x 4.345 weeks
    assert (twee.tekort, drie.tekort) == (Decimal(0), Decimal(0))
    assert (vijf.wachtend, vijf.aanbod, vijf.tekort, vijf.weken) == (0, None, None, Decimal(0))
