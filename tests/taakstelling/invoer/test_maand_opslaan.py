"""Saving a month (services.realisatie.realisatie_maand_opslaan): audit, versions, conflicts."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied

from kern.perioden import Maand
from rapportage.selectors.stand import positie
from taakstelling.models import Koppeling, Maandrapportage, Realisatie
from taakstelling.services.realisatie import (
    Cijfers,
    Invoerfout,
    Koppelinginvoer,
    Maandconflict,
    Regelinvoer,
    realisatie_maand_opslaan,
)

JUNI = date(2023, 6, 15)
MEI = Maand(2023, 5)
APRIL = Maand(2023, 4)


def opslaan(demo, maand=MEI, regels=(), koppeling=None, persona="opgaveteam_a", **kw):
    return realisatie_maand_opslaan(
        gemeente=kw.pop("gemeente", demo.almere),
        maand=maand,
        regels_in=list(regels),
        koppeling=koppeling,
        door=demo.user(persona),
        vandaag=kw.pop("vandaag", JUNI),
        **kw,
    )


def rij(demo, maand, bron, corporatie=None):
    return Realisatie.objects.filter(
        gemeente=demo.almere, maand=maand.eerste_dag, bron_id=bron, corporatie__slug=corporatie
    ).first()


def test_a_new_month_is_saved_with_its_header_and_audited(demo):
    uitkomst = opslaan(
        demo,
        regels=[
            Regelinvoer(("regulier", "ymere"), "9", "", "4"),
            Regelinvoer(("har_uitplaatsing", None), "6", "", "3"),
        ],
        koppeling=Koppelinginvoer("40"),
    )
    assert (uitkomst.aangemaakt, uitkomst.maand_vastgelegd) == (3, True)
    ymere = rij(demo, MEI, "regulier", "ymere")
    assert Cijfers.van(ymere) == Cijfers(9, 9, 4)
    assert Cijfers.van(rij(demo, MEI, "har_uitplaatsing")) == Cijfers(6, 0, 3)  # counts 0
    assert Koppeling.objects.get(gemeente=demo.almere, maand=MEI.eerste_dag).personen == 40
    h = ymere.history.get()
    assert h.history_user.username == "opgaveteam-almere" and h.history_type == "+"
    assert Maandrapportage.objects.filter(gemeente=demo.almere, maand=MEI.eerste_dag).exists()


def test_an_entered_month_with_nobody_housed_is_zero_not_missing(demo):
    voor = positie(demo.almere, date(2023, 6, 1)).stand
    assert MEI in voor.ontbrekende_maanden
    opslaan(demo, regels=[])
    na = positie(demo.almere, date(2023, 6, 1)).stand
    assert MEI not in na.ontbrekende_maanden
    assert na.totalen.personen_tellend == voor.totalen.personen_tellend  # + 0


def test_a_change_bumps_the_version_and_records_old_and_new(demo):
    ymere = rij(demo, APRIL, "regulier", "ymere")  # demo: 6/6/3
    opslaan(
        demo,
        maand=APRIL,
        regels=[Regelinvoer(("regulier", "ymere"), "7", "7", "3", versie=ymere.versie)],
        reden="Nagekomen toewijzing",
    )
    ymere.refresh_from_db()
    assert (ymere.personen_gehuisvest, ymere.versie, ymere.illustratief) == (7, 2, False)
    nieuw, vorig = ymere.history.all()[:2]
    assert nieuw.history_change_reason == "Nagekomen toewijzing"
    assert {(c.field, c.old, c.new) for c in nieuw.diff_against(vorig).changes} >= {
        ("personen_gehuisvest", 6, 7),
        ("personen_tellend", 6, 7),
    }


def test_emptying_a_row_deletes_it_with_a_history_row(demo):
    ymere = rij(demo, APRIL, "regulier", "ymere")
    opslaan(
        demo,
        maand=APRIL,
        regels=[Regelinvoer(("regulier", "ymere"), "", "", "", versie=ymere.versie)],
        reden="Dubbel geteld",
    )
    assert rij(demo, APRIL, "regulier", "ymere") is None
    laatste = Realisatie.history.filter(id=ymere.pk).first()
    assert (laatste.history_type, laatste.history_change_reason) == ("-", "Dubbel geteld")


def test_a_month_older_than_the_previous_needs_a_reason_and_nothing_is_written(demo):
    ymere = rij(demo, APRIL, "regulier", "ymere")
    historie = Realisatie.history.count()
    with pytest.raises(Invoerfout) as e:
        opslaan(
            demo,
            maand=APRIL,
            regels=[Regelinvoer(("regulier", "ymere"), "7", "7", "3", versie=ymere.versie)],
        )
    assert "Geef een reden" in e.value.fouten[(None, "reden")]
    assert Realisatie.history.count() == historie
    ymere.refresh_from_db()
    assert ymere.personen_gehuisvest == 6


def test_saving_an_unchanged_old_month_needs_no_reason_and_writes_nothing(demo):
    ymere = rij(demo, APRIL, "regulier", "ymere")
    historie = Realisatie.history.count()
    uitkomst = opslaan(
        demo,
        maand=APRIL,
        regels=[Regelinvoer(("regulier", "ymere"), "6", "6", "3", versie=ymere.versie)],
    )
    assert not uitkomst.iets_gewijzigd
    assert Realisatie.history.count() == historie


def test_one_bad_field_writes_nothing_and_names_every_bad_field(demo):
    with pytest.raises(Invoerfout) as e:
        opslaan(
            demo,
            regels=[
                Regelinvoer(("regulier", "ymere"), "9", "", "4"),
                Regelinvoer(("amv", None), "-2", "", "1"),
                Regelinvoer(("flexwoning", None), "3", "4", "1"),
            ],
            koppeling=Koppelinginvoer("veel"),
        )
    assert set(e.value.fouten) == {
        (("amv", None), "personen_gehuisvest"),
        (("flexwoning", None), "personen_tellend"),
        (None, "koppeling"),
    }
    assert not Realisatie.objects.filter(gemeente=demo.almere, maand=MEI.eerste_dag).exists()
    assert not Maandrapportage.objects.filter(gemeente=demo.almere, maand=MEI.eerste_dag).exists()


@pytest.mark.parametrize(
    ("sleutel", "veld"),
    [
        (("regulier", None), "corporatie"),
        (("regulier", "woonconcept"), "corporatie"),  # works in Steenwijkerland, not Almere
        (("regulier", "bestaat-niet"), "corporatie"),
        (("amv", "ymere"), "corporatie"),
        (("onbekend", None), "bron"),
    ],
)
def test_sources_and_corporaties_are_checked(demo, sleutel, veld):
    with pytest.raises(Invoerfout) as e:
        opslaan(demo, regels=[Regelinvoer(sleutel, "1", "1", "1")])
    assert (sleutel, veld) in e.value.fouten


def test_a_future_month_is_refused(demo):
    with pytest.raises(Invoerfout) as e:
        opslaan(demo, maand=Maand(2023, 7), regels=[Regelinvoer(("amv", None), "1", "1", "1")])
    assert "toekomst" in e.value.fouten[(None, "maand")]


@pytest.mark.parametrize("persona", ["taskforce_a", "provincie_a", "corporatie_a", "opgaveteam_b"])
def test_only_the_opgaveteam_of_the_gemeente_may_save(demo, persona):
    with pytest.raises(PermissionDenied):
        opslaan(demo, persona=persona, regels=[Regelinvoer(("amv", None), "1", "1", "1")])
    assert not Maandrapportage.objects.filter(gemeente=demo.almere, maand=MEI.eerste_dag).exists()


# --- conflicts (issue 'Invoer' §7) ---------------------------------------------------------


def _formulier_van_nu(demo, maand=APRIL):
    """What a form opened now carries for Ymere: (versie, oorspronkelijk)."""
    r = rij(demo, maand, "regulier", "ymere")
    return r.versie, Cijfers.van(r)


def test_the_second_save_over_a_changed_figure_is_a_conflict_with_both_values(demo):
    versie, was = _formulier_van_nu(demo)  # both open the form: 6/6/3
    opslaan(
        demo,
        maand=APRIL,
        regels=[
            Regelinvoer(("regulier", "ymere"), "8", "8", "4", versie=versie, oorspronkelijk=was)
        ],
        reden="Eerste",
    )
    with pytest.raises(Maandconflict) as e:
        opslaan(
            demo,
            maand=APRIL,
            regels=[
                Regelinvoer(("regulier", "ymere"), "7", "7", "3", versie=versie, oorspronkelijk=was)
            ],
            reden="Tweede",
        )
    (c,) = e.value.conflicten
    assert (c.mijn, c.huidig, c.versie) == (Cijfers(7, 7, 3), Cijfers(8, 8, 4), versie + 1)
    assert c.door == "opgaveteam-almere"
    assert Cijfers.van(rij(demo, APRIL, "regulier", "ymere")) == Cijfers(8, 8, 4)  # not lost

    # 'Keep mine': the form now carries the saved version, so saving again is allowed.
    opslaan(
        demo,
        maand=APRIL,
        regels=[
            Regelinvoer(
                ("regulier", "ymere"), "7", "7", "3", versie=c.versie, oorspronkelijk=c.huidig
            )
        ],
        reden="Tweede, na vergelijken",
    )
    assert Cijfers.van(rij(demo, APRIL, "regulier", "ymere")) == Cijfers(7, 7, 3)


def test_a_stale_row_this_user_did_not_touch_keeps_the_other_persons_value(demo):
    versie, was = _formulier_van_nu(demo)
    goedestede = rij(demo, APRIL, "regulier", "goedestede")
    opslaan(
        demo,
        maand=APRIL,
        regels=[
            Regelinvoer(("regulier", "ymere"), "8", "8", "4", versie=versie, oorspronkelijk=was)
        ],
        reden="Eerste",
    )
    # The second person changed only GoedeStede; their form still shows Ymere's old 6/6/3.
    opslaan(
        demo,
        maand=APRIL,
        regels=[
            Regelinvoer(("regulier", "ymere"), "6", "6", "3", versie=versie, oorspronkelijk=was),
            Regelinvoer(
                ("regulier", "goedestede"),
                "7",
                "7",
                "3",
                versie=goedestede.versie,
                oorspronkelijk=Cijfers.van(goedestede),
            ),
        ],
        reden="Tweede",
    )
    assert Cijfers.van(rij(demo, APRIL, "regulier", "ymere")) == Cijfers(8, 8, 4)
    assert Cijfers.van(rij(demo, APRIL, "regulier", "goedestede")) == Cijfers(7, 7, 3)


def test_two_people_creating_the_same_row_is_a_conflict_not_an_error(demo):
    opslaan(demo, regels=[Regelinvoer(("amv", None), "3", "3", "1")])
    with pytest.raises(Maandconflict) as e:
        opslaan(demo, regels=[Regelinvoer(("amv", None), "2", "2", "1")])
    assert e.value.conflicten[0].huidig == Cijfers(3, 3, 1)


def test_a_koppelingen_conflict_is_reported_too(demo):
    k = Koppeling.objects.get(gemeente=demo.almere, maand=APRIL.eerste_dag)
    opslaan(demo, maand=APRIL, koppeling=Koppelinginvoer("66", k.versie, k.personen), reden="a")
    with pytest.raises(Maandconflict) as e:
        opslaan(demo, maand=APRIL, koppeling=Koppelinginvoer("70", k.versie, k.personen), reden="b")
    (c,) = e.value.conflicten
    assert (c.sleutel, c.mijn, c.huidig) == (None, 70, 66)


# --- recompute trigger (issue 'Invoer' §9) -------------------------------------------------


@pytest.fixture
def aanvragen(monkeypatch):
    from prognose.tasks import herbereken_gemeente

    gezien: list[int] = []
    monkeypatch.setattr(
        herbereken_gemeente, "apply_async", lambda args=(), **kw: gezien.append(args[0])
    )
    return gezien


def test_a_committed_change_enqueues_the_gemeentes_recompute(
    demo, aanvragen, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        opslaan(demo, regels=[Regelinvoer(("amv", None), "3", "3", "1")])
    assert aanvragen == [demo.almere.pk]


def test_a_refused_change_enqueues_nothing(demo, aanvragen, django_capture_on_commit_callbacks):
    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(Invoerfout),
    ):
        opslaan(
            demo,
            regels=[
                Regelinvoer(("amv", None), "3", "3", "1"),
                Regelinvoer(("har", None), "3", "3", "1"),  # HAR uses no dwelling
            ],
        )
    assert callbacks == [] and aanvragen == []


def test_a_rolled_back_transaction_enqueues_nothing(
    demo, aanvragen, django_capture_on_commit_callbacks
):
    from django.db import transaction

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        try:
            with transaction.atomic():
                opslaan(demo, regels=[Regelinvoer(("amv", None), "3", "3", "1")])
                raise RuntimeError("iets anders ging mis")
        except RuntimeError:
            pass
    assert callbacks == [] and aanvragen == []
    assert not Realisatie.objects.filter(gemeente=demo.almere, maand=MEI.eerste_dag).exists()


def _conflicten_tellen(demo, corporaties: list[str], ander_aantal: str) -> tuple[int, list]:
    """Open the month's form, let someone else change these rows, then save the form with
    other values: the number of queries and the conflicts."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    formulier = {
        c: (rij(demo, APRIL, "regulier", c).versie, rij(demo, APRIL, "regulier", c))
        for c in corporaties
    }
    ander = [
        Regelinvoer(
            ("regulier", c),
            ander_aantal,
            ander_aantal,
            "4",
            versie=v,
            oorspronkelijk=Cijfers.van(r),
        )
        for c, (v, r) in formulier.items()
    ]
    opslaan(demo, maand=APRIL, regels=ander, reden="De ander")
    mijn = [
        Regelinvoer(("regulier", c), "5", "5", "2", versie=v, oorspronkelijk=Cijfers.van(r))
        for c, (v, r) in formulier.items()
    ]
    with CaptureQueriesContext(connection) as q, pytest.raises(Maandconflict) as e:
        opslaan(demo, maand=APRIL, regels=mijn, reden="Ik")
    return len(q.captured_queries), e.value.conflicten


def test_who_changed_a_conflicting_figure_costs_the_same_for_one_or_many(demo):
    """Finding 19 / D5: one query per conflict became two per kind of row."""
    een, conflicten = _conflicten_tellen(demo, ["ymere"], "9")
    assert [c.door for c in conflicten] == ["opgaveteam-almere"]
    drie, conflicten = _conflicten_tellen(demo, ["ymere", "goedestede", "de-alliantie"], "10")
    assert len(conflicten) == 3 and {c.door for c in conflicten} == {"opgaveteam-almere"}
    assert drie == een


def test_the_last_author_is_the_last_history_row_even_when_the_clock_went_back(demo):
    """D5: 'last' is the highest history_id; dates can repeat or (frozen in tests) go back."""
    from datetime import UTC, datetime

    import time_machine

    from organisaties.historie import laatste_auteur

    r = rij(demo, APRIL, "regulier", "ymere")
    versie, was = r.versie, Cijfers.van(r)
    with time_machine.travel(datetime(2030, 1, 1, tzinfo=UTC), tick=False):
        opslaan(
            demo,
            maand=APRIL,
            regels=[
                Regelinvoer(("regulier", "ymere"), "8", "8", "4", versie=versie, oorspronkelijk=was)
            ],
            reden="a",
            persona="opgaveteam_a",
        )
    r.refresh_from_db()
    with time_machine.travel(datetime(2020, 1, 1, tzinfo=UTC), tick=False):
        r._history_user = demo.user("provincie_a")  # not via a service: only the author matters
        r.save()
    naam, op = laatste_auteur(r)
    assert naam == "provincie-flevoland" and op.year == 2020
