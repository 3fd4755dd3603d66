"""The worked case of issue 16, through a real SMTP server (aiosmtpd): lowering Almere's plan
makes the 31 december verdict worse; exactly one mail reaches each subscribed user who may see
Almere, none anyone else; running again sends nothing. The province's weekly overview lists
the gemeente with counts only."""

from datetime import datetime

import pytest
import time_machine
from django.core.management import call_command

from meldingen.models import Abonnement, Melding, Oordeelstand, Soort, Status, Wijze
from prognose import selectors
from tests.conftest import AMSTERDAM
from tests.meldingen.hulp import geef_iedereen_een_adres, herberekenen, plan_almere_verlagen


@pytest.fixture(autouse=True)
def _demodag():
    """The demo's day (15 May 2023, Almere entered up to April): the other detectors that the
    command runs find what they would have found then, not what is missing by today."""
    with time_machine.travel(datetime(2023, 5, 15, 10, 0, tzinfo=AMSTERDAM), tick=False):
        yield


def _over_het_oordeel(smtp) -> list:
    return [b for _, b in smtp.berichten if "mijlpaal" in b["Subject"]]


def _oordeel(gemeente, datum: str) -> str:
    snapshot = selectors.nieuwste_snapshot(gemeente)
    return next(m.oordeel.status for m in snapshot.prognose().mijlpalen if str(m.datum) == datum)


def test_lowering_almeres_plan_mails_each_subscriber_who_sees_almere_once(
    demo, smtp, django_capture_on_commit_callbacks
):
    adres = geef_iedereen_een_adres()
    # Beyond the role defaults (opgaveteam and taskforce: direct): a corporatie of Almere and
    # both provinces choose direct too; so does Steenwijkerland's opgaveteam (not Almere's).
    for persona in ("corporatie_a", "provincie_a", "provincie_elders", "opgaveteam_b"):
        Abonnement.objects.create(
            user=demo.user(persona), soort=Soort.OORDEEL_SLECHTER, wijze=Wijze.DIRECT
        )
    assert _oordeel(demo.almere, "2023-12-31") == "risico"

    plan_almere_verlagen(demo.almere)
    with django_capture_on_commit_callbacks(execute=True):  # the recompute's hook, the task
        herberekenen(demo.almere)

    assert _oordeel(demo.almere, "2023-12-31") == "niet haalbaar"
    verwacht = sorted(
        adres[p] for p in ("opgaveteam_a", "taskforce_a", "corporatie_a", "provincie_a")
    )
    assert sorted(a for o, b in smtp.berichten for a in o if "mijlpaal" in b["Subject"]) == verwacht
    assert smtp.verzamelaar.ontvangers == verwacht  # and nothing else
    bericht = smtp.verzamelaar.aan(adres["opgaveteam_a"])[0]
    assert bericht["Subject"] == "Almere: mijlpaal 31 december 2023 van risico naar niet haalbaar"
    tekst = bericht.get_body(("plain",)).get_content()
    html = bericht.get_body(("html",)).get_content()
    assert "verslechterd van risico naar niet haalbaar" in tekst
    assert "https://monitor.example.nl/meldingen/" in tekst
    assert (
        "Afmelden met één klik" in html and "https://monitor.example.nl/meldingen/afmelden/" in html
    )
    assert bericht["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    # The 1 oktober milestone did not change: no mail about it.
    assert not any("1 oktober" in b["Subject"] for _, b in smtp.berichten)

    # Again: the recompute and the command (whose other detectors may find news of their own,
    # AMV'ers turning 21 in Almere's demo): no second mail about the verdict; a second run of
    # the command sends nothing at all.
    with django_capture_on_commit_callbacks(execute=True):
        herberekenen(demo.almere)
    call_command("signalen_versturen", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert len(_over_het_oordeel(smtp)) == 4
    aantal = len(smtp.berichten)
    call_command("signalen_versturen", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert len(smtp.berichten) == aantal
    assert set(
        Melding.objects.filter(soort=Soort.OORDEEL_SLECHTER, wijze=Wijze.DIRECT).values_list(
            "status", flat=True
        )
    ) == {Status.VERZONDEN}


def test_the_weekly_overview_of_the_province_lists_the_gemeente_with_counts_only(demo, smtp):
    from datetime import date, timedelta

    from bemiddeling.models import Huishouden
    from kern import huishoudens as HH
    from meldingen import services
    from taakstelling.models import Maandrapportage

    adres = geef_iedereen_een_adres()
    plan_almere_verlagen(demo.almere)
    herberekenen(demo.almere)
    # Households of Almere that passed the 10-week norm yesterday (counts in the overview).
    vandaag = date.today()
    koppel = vandaag - HH.NORM_CONTRACT - timedelta(days=1)
    Huishouden.objects.filter(gemeente=demo.almere, status__in=["gekoppeld", "aangeboden"])
    for i in range(3):
        Huishouden.objects.create(
            gemeente=demo.almere,
            sleutel=f"test-overzicht-{i}",
            koppeldatum=koppel,
            status_sinds=koppel,
            volwassenen=2,
        )
    assert services.huishoudens_controleren(vandaag) > 0
    assert Maandrapportage.objects.filter(gemeente=demo.almere).exists()
    call_command("signalen_versturen", "--digest", "week", stdout=open("/dev/null", "w"))  # noqa: SIM115

    berichten = smtp.verzamelaar.aan(adres["provincie_a"])
    assert len(berichten) == 1
    tekst = berichten[0].get_body(("plain",)).get_content()
    assert berichten[0]["Subject"].startswith("Weekoverzicht")
    assert "Almere" in tekst
    assert "mijlpaal 31 december 2023: van risico naar niet haalbaar" in tekst
    # Small counts as the province sees them on the pages: below 5 as "<5" (AVG).
    assert "<5 huishoudens over de 10 weken zonder huurcontract" in tekst
    assert "test-overzicht" not in tekst and str(koppel) not in tekst
    # Nobody outside Flevoland hears of Almere; a second run sends nothing new.
    assert not smtp.verzamelaar.aan(adres["provincie_elders"])
    aantal = len(smtp.berichten)
    call_command("signalen_versturen", "--digest", "week", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert len(smtp.berichten) == aantal


def _overzichten(smtp) -> list:
    return [(o, b) for o, b in smtp.berichten if "overzicht" in b["Subject"]]


def test_the_monthly_overview_goes_to_the_opgaveteam_and_nothing_new_sends_nothing(demo, smtp):
    from io import StringIO

    from meldingen import services

    adres = geef_iedereen_een_adres()
    uit = StringIO()
    call_command("signalen_versturen", "--digest", "maand", stdout=uit)
    assert not _overzichten(smtp) and "Maandoverzicht verzonden aan 0 gebruiker(s)." in (
        uit.getvalue()
    )
    # A better verdict: the opgaveteam's default is its monthly overview, the province's weekly.
    Oordeelstand.objects.filter(gemeente=demo.almere, mijlpaal="2023-12-31").update(
        status="niet haalbaar"
    )
    services.oordelen_vergelijken([demo.almere.pk])
    call_command("signalen_versturen", "--digest", "maand", stdout=uit)
    assert [o for o, _ in _overzichten(smtp)] == [[adres["opgaveteam_a"]]]
    bericht = _overzichten(smtp)[0][1]
    assert bericht["Subject"] == (
        "Maandoverzicht monitor huisvesting vergunninghouders: 1 gemeente"
    )
    assert "mijlpaal 31 december 2023: van niet haalbaar naar risico" in (
        bericht.get_body(("plain",)).get_content()
    )
    call_command("signalen_versturen", "--digest", "week", stdout=uit)
    assert smtp.verzamelaar.aan(adres["provincie_a"])  # its own rows, in its weekly overview
    aantal = len(smtp.berichten)
    call_command("signalen_versturen", "--digest", "maand", stdout=uit)
    call_command("signalen_versturen", "--digest", "week", stdout=uit)
    assert len(smtp.berichten) == aantal
