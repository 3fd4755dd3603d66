"""`manage.py load_demo` is idempotent and takes its source figures from the seeds."""

from io import StringIO

from django.core.management import call_command

from bemiddeling.models import Planning, Verdeelafspraak
from organisaties.models import Gemeente, User
from taakstelling.models import IbtStatus, Realisatie
from tests.conftest import DEMO_VANDAAG, WACHTWOORD


def history_rows() -> int:
    return Realisatie.history.count() + Planning.history.count()


def test_loading_twice_changes_nothing(demo):
    voor = (Realisatie.objects.count(), history_rows())
    call_command(
        "load_demo", "--wachtwoord", WACHTWOORD, "--vandaag", str(DEMO_VANDAAG), stdout=StringIO()
    )
    assert (Realisatie.objects.count(), history_rows()) == voor


def test_without_a_password_each_login_gets_a_random_one_that_works(demo):
    out = StringIO()
    call_command("load_demo", "--vandaag", str(DEMO_VANDAAG), stdout=out)
    regel = next(r for r in out.getvalue().splitlines() if "opgaveteam-almere" in r)
    wachtwoord = regel.split()[-1]
    assert wachtwoord != WACHTWOORD and len(wachtwoord) >= 12
    assert User.objects.get(username="opgaveteam-almere").check_password(wachtwoord)


def test_every_demo_login_of_design_md_exists_with_its_role(demo):
    namen = {
        "opgaveteam-almere",
        "corporatie-ymere",
        "corporatie-goedestede",
        "provincie-flevoland",
        "taskforce-almere",
        "opgaveteam-steenwijkerland",
        "corporatie-woonconcept",
        "provincie-overijssel",
        "beheerder",
    }
    assert namen <= set(User.objects.values_list("username", flat=True))
    assert User.objects.get(username="beheerder").is_superuser


def test_seed_figures_are_not_marked_illustrative_and_made_up_ones_are(demo):
    almere = demo.almere
    assert not almere.illustratief
    assert almere.taakstellingen.filter(illustratief=False).count() == 2
    assert Realisatie.objects.filter(gemeente=almere, illustratief=False).count() == 0
    flevoland = Gemeente.objects.filter(provincie=demo.flevoland).exclude(pk=almere.pk)
    assert {g.naam for g in flevoland} == {
        "Dronten",
        "Lelystad",
        "Noordoostpolder",
        "Urk",
        "Zeewolde",
    }
    assert all(g.illustratief for g in flevoland)
    caps = Verdeelafspraak.objects.filter(gemeente=demo.steenwijkerland, soort="plafond_vh")
    assert sorted((c.teller, c.geldig_vanaf.isoformat()) for c in caps) == [
        (10, "2023-01-01"),
        (25, "2024-07-12"),
    ]
    assert all(not c.illustratief for c in caps)


def test_almere_is_under_active_supervision_since_21_september_2021(demo):
    status = IbtStatus.objects.filter(gemeente=demo.almere).first()
    assert (status.trede.nummer, status.trede.naam, status.sinds.isoformat()) == (
        3,
        "Actief toezicht",
        "2021-09-21",
    )


def test_the_almere_plan_has_250_dwellings_from_may_to_december(demo):
    woningen = Planning.objects.filter(gemeente=demo.almere, pm=False)
    assert sum(p.woningen for p in woningen) == 250
    assert Planning.objects.filter(gemeente=demo.almere, pm=True).count() == 3 * 8


def test_demo_amv_cohorts_are_illustrative_and_one_turns_21_in_2023(demo):
    from taakstelling.models import AmvCohort

    cohorten = AmvCohort.objects.filter(gemeente=demo.almere)
    assert cohorten.exists() and all(c.illustratief for c in cohorten)
    assert any(c.geboortemaand.year + 21 == 2023 for c in cohorten)
