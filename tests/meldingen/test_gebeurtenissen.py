"""The detectors: each event has a stable key and reaches each user who may see the gemeente
at most once; a flip back and forth within a day is one notification; the threshold of the
probability is each user's own; months, households (counts only) and revised quotas."""

from datetime import date, timedelta

from bemiddeling.models import Huishouden
from kern import huishoudens as HH
from meldingen import services
from meldingen.models import Abonnement, Melding, Oordeelstand, Soort, Wijze
from organisaties import toegang
from organisaties.models import Gemeente, User
from taakstelling.models import Bijstelling, Taakstelling
from tests.conftest import PERSONAS

DAG = date(2023, 5, 15)
EIND = date(2023, 12, 31)


def _namen(soort: str, sleutel_begin: str = "") -> list[str]:
    return sorted(
        Melding.objects.filter(soort=soort, sleutel__startswith=sleutel_begin).values_list(
            "user__username", flat=True
        )
    )


def test_the_recipients_are_exactly_those_the_access_module_lets_see_the_gemeente(demo):
    for gemeente in Gemeente.objects.all():
        zien = set(toegang.gebruikers_die_zien(gemeente).values_list("username", flat=True))
        verwacht = {
            u.username
            for u in User.objects.filter(is_active=True)
            if toegang.zichtbare_gemeenten(u).filter(pk=gemeente.pk).exists()
        }
        assert zien == verwacht, gemeente.naam


def _stand_terugzetten(demo, status: str, kans: float | None = None) -> None:
    """As if the previous snapshot had said ``status`` for 31 December (snapshot id 0)."""
    velden = {"status": status, "snapshot_id": 0}
    if kans is not None:
        velden["kans"] = kans
    Oordeelstand.objects.filter(gemeente=demo.almere, mijlpaal=EIND).update(**velden)


def test_a_worse_verdict_reaches_who_sees_almere_and_a_flip_within_a_day_once(demo):
    # The demo's 31 December verdict is risico; the stand seen before said op koers.
    _stand_terugzetten(demo, "op koers")
    assert services.oordelen_vergelijken([demo.almere.pk], vandaag=DAG) > 0
    # Defaults: opgaveteam and taskforce direct, the province in its overview; corporaties and
    # the beheerder nothing unless they choose; Steenwijkerland's people never.
    assert _namen(Soort.OORDEEL_SLECHTER) == sorted(
        [PERSONAS["opgaveteam_a"], PERSONAS["provincie_a"], PERSONAS["taskforce_a"]]
    )
    melding = Melding.objects.get(user__username=PERSONAS["opgaveteam_a"])
    assert melding.wijze == Wijze.DIRECT and melding.link == "/gemeenten/GM0034/prognose/"
    assert melding.titel == "Almere: mijlpaal 31 december 2023 van op koers naar risico"
    assert Melding.objects.get(user__username=PERSONAS["provincie_a"]).wijze == Wijze.OVERZICHT

    # Back to op koers and to risico again the same day: the same key, nothing new.
    _stand_terugzetten(demo, "op koers")
    services.oordelen_vergelijken([demo.almere.pk], vandaag=DAG)
    assert Melding.objects.filter(soort=Soort.OORDEEL_SLECHTER).count() == 3
    # Seen again without a change (the same snapshot): nothing.
    assert services.oordelen_vergelijken([demo.almere.pk], vandaag=DAG) == 0
    # The next day the same flip is news again.
    _stand_terugzetten(demo, "op koers")
    services.oordelen_vergelijken([demo.almere.pk], vandaag=DAG + timedelta(days=1))
    assert Melding.objects.filter(soort=Soort.OORDEEL_SLECHTER).count() == 6


def test_a_better_verdict_goes_to_the_overview_only(demo):
    _stand_terugzetten(demo, "niet haalbaar")
    services.oordelen_vergelijken([demo.almere.pk], vandaag=DAG)
    assert not Melding.objects.filter(soort=Soort.OORDEEL_SLECHTER).exists()
    assert set(
        Melding.objects.filter(soort=Soort.OORDEEL_BETER).values_list("wijze", flat=True)
    ) == {Wijze.OVERZICHT}


def test_the_probability_threshold_is_each_users_own(demo):
    # 31 December: the probability is 49% (docs/OORDEEL.md); it was 60% before.
    Abonnement.objects.create(
        user=demo.user("provincie_a"), soort=Soort.KANS_ONDER_DREMPEL, wijze=Wijze.DIRECT,
        kansdrempel=55,
    )  # fmt: skip
    Abonnement.objects.create(
        user=demo.user("taskforce_a"), soort=Soort.KANS_ONDER_DREMPEL, wijze=Wijze.DIRECT,
        kansdrempel=40,
    )  # fmt: skip
    _stand_terugzetten(demo, "risico", kans=0.60)
    services.oordelen_vergelijken([demo.almere.pk], vandaag=DAG)
    # opgaveteam: the default 50%; province: 55%; the taskforce's 40% is not crossed.
    assert _namen(Soort.KANS_ONDER_DREMPEL) == sorted(
        [PERSONAS["opgaveteam_a"], PERSONAS["provincie_a"]]
    )
    assert "van 60% naar 49%" in Melding.objects.filter(soort=Soort.KANS_ONDER_DREMPEL)[0].tekst
    assert not Melding.objects.filter(soort=Soort.OORDEEL_SLECHTER).exists()


def test_a_month_not_entered_by_the_10th_of_the_next_month(demo):
    # Almere entered up to April 2023; May is due on 10 June.
    services.maanden_controleren(date(2023, 6, 10))
    assert not Melding.objects.filter(sleutel="maand:GM0034:2023-05").exists()
    services.maanden_controleren(date(2023, 6, 11))
    rijen = Melding.objects.filter(sleutel="maand:GM0034:2023-05")
    assert sorted(r.user.username for r in rijen) == sorted(
        [PERSONAS["opgaveteam_a"], PERSONAS["provincie_a"]]
    )
    assert rijen[0].titel == "Almere: mei 2023 is nog niet ingevuld"
    assert rijen[0].link == "/gemeenten/GM0034/realisatie/2023-05/"
    services.maanden_controleren(date(2023, 6, 12))
    assert Melding.objects.filter(sleutel="maand:GM0034:2023-05").count() == 2


def test_households_past_the_norm_are_counts_per_gemeente_never_a_household(demo):
    vandaag = date(2026, 3, 2)
    gekoppeld = vandaag - HH.NORM_CONTRACT  # the ten weeks are up today
    for i in range(2):
        Huishouden.objects.create(
            gemeente=demo.almere, sleutel=f"geheim-{i}", koppeldatum=gekoppeld,
            status_sinds=gekoppeld, volwassenen=1,
        )  # fmt: skip
    services.huishoudens_controleren(vandaag)
    rijen = Melding.objects.filter(soort=Soort.HUISHOUDEN_NORM)
    # Corporaties never get these counts, not even when they ask (meldingen/soorten.py).
    Abonnement.objects.create(
        user=demo.user("corporatie_a"), soort=Soort.HUISHOUDEN_NORM, wijze=Wijze.DIRECT
    )
    services.huishoudens_controleren(vandaag)
    assert sorted(r.user.username for r in rijen) == sorted(
        [PERSONAS["opgaveteam_a"], PERSONAS["provincie_a"]]
    )
    m = rijen.get(user__username=PERSONAS["opgaveteam_a"])
    assert m.titel == "Almere: 2 huishoudens 10 weken na de koppeling zonder huurcontract"
    assert m.gegevens["aantal"] == 2 and "geheim" not in m.tekst + m.titel + m.link
    # The province sees households as totals, a count below 5 as "<5" (as on its pages).
    p = rijen.get(user__username=PERSONAS["provincie_a"])
    assert p.titel == "Almere: <5 huishoudens 10 weken na de koppeling zonder huurcontract"
    assert m.link == "/gemeenten/GM0034/huishoudens/"


def test_a_revised_quota_is_reported_to_who_sees_the_gemeente(demo):
    t = Taakstelling.objects.filter(gemeente=demo.almere).order_by("-jaar", "-helft").first()
    b = Bijstelling.objects.create(
        taakstelling=t, gemeente=demo.almere, datum=date(2026, 1, 5), aantal=t.aantal + 10,
        reden="Landelijk aantal verhoogd",
    )  # fmt: skip
    rijen = Melding.objects.filter(sleutel=f"bijstelling:{b.pk}")
    assert sorted(r.user.username for r in rijen) == sorted(
        [PERSONAS["opgaveteam_a"], PERSONAS["provincie_a"], PERSONAS["taskforce_a"]]
    )
    assert "Landelijk aantal verhoogd" in rijen[0].tekst


def test_beat_runs_the_detectors_and_both_overviews():
    from config.celery import app

    taken = {(s["task"], tuple(s.get("args", ()))) for s in app.conf.beat_schedule.values()}
    assert ("meldingen.tasks.signalen_zoeken", ()) in taken
    assert ("meldingen.tasks.overzicht_versturen", ("week",)) in taken
    assert ("meldingen.tasks.overzicht_versturen", ("maand",)) in taken


def test_amv_turning_21_within_three_months_are_counted_once_per_cohort(demo):
    from taakstelling.models import AmvCohort

    vandaag = date(2030, 5, 20)
    for geboren, aantal in ((date(2009, 7, 1), 2), (date(2009, 9, 1), 1)):  # 21 in jul, sep
        AmvCohort.objects.create(
            gemeente=demo.almere, geboortemaand=geboren, gehuisvest_in=date(2026, 1, 1),
            aantal=aantal,
        )  # fmt: skip
    services.amv_controleren(vandaag)
    services.amv_controleren(vandaag)
    rijen = Melding.objects.filter(soort=Soort.AMV_21, user__username=PERSONAS["opgaveteam_a"])
    # July is within three months; September is not yet.
    assert [r.titel for r in rijen] == ["Almere: 2 AMV'ers worden in juli 2030 21 jaar"]
    assert rijen[0].link == "/gemeenten/GM0034/taakstelling/amv/"
    assert _namen(Soort.AMV_21) == sorted([PERSONAS["opgaveteam_a"], PERSONAS["provincie_a"]])
    services.amv_controleren(date(2030, 6, 2))
    assert Melding.objects.filter(soort=Soort.AMV_21).count() == 4


def test_a_har_stay_past_six_months_is_read_from_the_snapshots_flags_once(demo):
    from prognose import selectors
    from prognose.models import Snapshot

    snapshot = selectors.nieuwste_snapshot(demo.almere)
    resultaat = snapshot.resultaat
    tekst = "3 personen staan sinds januari 2023 in de HAR: langer dan zes maanden."
    resultaat["signalen"] = [
        *resultaat["signalen"],
        {"soort": "har", "ernst": "probleem", "tekst": tekst, "maand": "2023-01"},
        {"soort": "har", "ernst": "waarschuwing", "tekst": "Bijna.", "maand": "2023-02"},
    ]
    Snapshot.objects.filter(pk=snapshot.pk).update(resultaat=resultaat)
    services.har_controleren()
    services.har_controleren()
    rijen = Melding.objects.filter(soort=Soort.HAR_ZES_MAANDEN)
    assert _namen(Soort.HAR_ZES_MAANDEN) == sorted(
        [PERSONAS["opgaveteam_a"], PERSONAS["provincie_a"]]
    )
    assert rijen[0].titel == "Almere: langer dan zes maanden in de HAR sinds januari 2023"
    assert rijen[0].tekst == tekst and rijen[0].link == "/gemeenten/GM0034/"
