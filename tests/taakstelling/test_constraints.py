"""The database refuses what a form should have refused."""

from datetime import date

import pytest
from django.db import IntegrityError, transaction

from bemiddeling.models import Aanbod, Planning
from taakstelling.models import Bron, Realisatie, Taakstelling


def realisatie(gemeente, **kwargs):
    waarden = {
        "gemeente": gemeente,
        "maand": date(2023, 6, 1),
        "bron": Bron.objects.get(code="amv"),
        "personen_gehuisvest": 3,
        "personen_tellend": 3,
        "woningen": 1,
    }
    waarden.update(kwargs)
    return Realisatie.objects.create(**waarden)


def geweigerd(fn):
    with pytest.raises(IntegrityError), transaction.atomic():
        fn()


def test_counting_persons_never_exceed_persons_housed(demo):
    geweigerd(lambda: realisatie(demo.almere, personen_tellend=4))


def test_one_row_per_gemeente_month_and_source(demo):
    realisatie(demo.almere)
    geweigerd(lambda: realisatie(demo.almere))


def test_one_row_per_corporatie_for_regulier(demo):
    regulier = Bron.objects.get(code="regulier")
    realisatie(demo.almere, bron=regulier, corporatie=demo.ymere)
    geweigerd(lambda: realisatie(demo.almere, bron=regulier, corporatie=demo.ymere))


def test_regulier_needs_a_corporatie_and_other_sources_have_none(demo):
    geweigerd(lambda: realisatie(demo.almere, bron=Bron.objects.get(code="regulier")))
    geweigerd(lambda: realisatie(demo.almere, corporatie=demo.ymere))


def test_counts_cannot_be_negative(demo):
    geweigerd(lambda: realisatie(demo.almere, woningen=-1))


def test_a_month_is_stored_as_its_first_day(demo):
    geweigerd(lambda: realisatie(demo.almere, maand=date(2023, 6, 15)))


def test_one_quota_per_gemeente_per_half_year(demo):
    geweigerd(
        lambda: Taakstelling.objects.create(gemeente=demo.almere, jaar=2023, helft=1, aantal=1)
    )


def test_planning_is_a_number_or_pm_never_both(demo):
    bestaand = Planning.objects.filter(gemeente=demo.almere).first()
    geweigerd(
        lambda: Planning.objects.create(
            actie=bestaand.actie, gemeente=demo.almere, maand=date(2024, 1, 1), pm=True, woningen=3
        )
    )
    geweigerd(
        lambda: Planning.objects.create(
            actie=bestaand.actie, gemeente=demo.almere, maand=date(2024, 2, 1), pm=False
        )
    )


def test_supply_to_vh_cannot_exceed_urgent_allocations(demo):
    geweigerd(
        lambda: Aanbod.objects.create(
            corporatie=demo.ymere,
            gemeente=demo.almere,
            maand=date(2024, 1, 1),
            mutaties=10,
            ongeschikt_label=0,
            ongeschikt_huur=0,
            ongeschikt_grootte=0,
            toegewezen_urgenten=2,
            toegewezen_vh=3,
        )
    )
