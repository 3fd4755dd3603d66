"""Reference data changed in /beheer/ leaves a trail (issue 'Beveiliging'): who, when, old,
new and a required reason; the admin history pages answer; a change to a counting rule or a
share asks a recompute of the gemeenten it affects and says which gemeenten and months."""

from datetime import date

import pytest
from django.contrib import admin
from django.contrib.messages import get_messages
from django.forms.models import model_to_dict

from bemiddeling.models import ActieType, Verdeelafspraak
from organisaties.models import Brondocument, Gemeente
from prognose.models import Rekenstatus
from taakstelling.models import Bron, Telregel, Trede

REFERENTIE = [Bron, Telregel, Trede, ActieType, Verdeelafspraak, Brondocument]


def _formulier(obj, **wijziging) -> dict:
    data = {k: ("" if v is None else v) for k, v in model_to_dict(obj).items()}
    data.update(wijziging)
    return data


def _url(obj, soort: str = "change") -> str:
    return f"/beheer/{obj._meta.app_label}/{obj._meta.model_name}/{obj.pk}/{soort}/"


def _teller(gemeente) -> int:
    status = Rekenstatus.objects.filter(gemeente=gemeente).first()
    return 0 if status is None else status.wijziging


def _rijen_die_de_demo_niet_heeft(demo) -> None:
    """One row of each registered model the demo leaves empty, so its pages are tested too."""
    from axes.models import AccessAttempt, AccessFailureLog
    from django.contrib.auth.models import Group
    from django.utils import timezone
    from django_otp.plugins.otp_static.models import StaticDevice
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from organisaties import tokens
    from rapportage import services as rapportage_services
    from taakstelling.models import Bijstelling, Taakstelling

    gebruiker = demo.user("opgaveteam_a")
    bezoek = {"user_agent": "test", "ip_address": "127.0.0.1", "username": "x"}
    Group.objects.create(name="Proefgroep")
    AccessAttempt.objects.create(
        **bezoek,
        http_accept="*/*",
        path_info="/inloggen/",
        attempt_time=timezone.now(),
        get_data="",
        post_data="",
        failures_since_start=1,
    )
    AccessFailureLog.objects.create(
        **bezoek, http_accept="*/*", path_info="/inloggen/", attempt_time=timezone.now()
    )
    TOTPDevice.objects.create(user=gebruiker, name="telefoon")
    StaticDevice.objects.create(user=gebruiker, name="reservecodes")
    tokens.maak(user=gebruiker, naam="proef")
    taak = Taakstelling.objects.filter(gemeente=demo.almere).first()
    Bijstelling.objects.create(
        taakstelling=taak, gemeente=demo.almere, datum=date(2023, 7, 1), aantal=1, reden="proef"
    )
    # issue 14: the household log and the anonymous counts the demo does not make
    from bemiddeling.models import Huishoudeninzage, HuishoudenTelling
    from kern import huishoudens as HH

    Huishoudeninzage.objects.create(gebruiker=gebruiker, gemeente=demo.almere, wat="lijst")
    HuishoudenTelling.objects.create(
        gemeente=demo.almere,
        maand=date(2021, 1, 1),
        status="verhuisd",
        route=next(iter(HH.ROUTES)),
        grootteklasse=next(iter(HH.GROOTTEKLASSE_LABELS)),
        huishoudens=1,
        personen=1,
    )
    # issue 15: the official figures' rows the demo does not make
    from kern.perioden import Halfjaar
    from taakstelling.officieel import services as officieel
    from taakstelling.officieel.models import Gemeentecode, ProvincieInstelling

    Gemeentecode.objects.create(code="GM0034", naam="Almere", geldig_van=date(1984, 1, 1))
    ProvincieInstelling.objects.create(provincie=demo.flevoland, oordeel_op="officieel")
    officieel.uitruil_vastleggen(
        provincie=demo.flevoland,
        halfjaar=Halfjaar(2023, 2),
        neemt_over=demo.lelystad,
        draagt_over=demo.almere,
        personen=1,
        instemming_neemt_over=(date(2023, 8, 1), "proef"),
        instemming_draagt_over=(date(2023, 8, 1), "proef"),
        goedkeuring=(date(2023, 8, 2), "proef"),
        door=demo.user("provincie_a"),
    )
    # issue 16: a user's own choice of notifications (the demo keeps the role defaults)
    from meldingen.models import Abonnement, Melding

    Abonnement.objects.create(user=gebruiker, soort="maand_ontbreekt", wijze="uit")
    Melding.objects.get_or_create(
        user=gebruiker,
        sleutel="proef",
        defaults={"soort": "maand_ontbreekt", "titel": "Proef", "tekst": "Proef", "link": "/"}
        | {"wijze": "direct"},
    )
    rapportage_services.besluit_vastleggen(
        gemeente=demo.almere,
        datum=date(2023, 6, 1),
        tekst="Proefbesluit",
        eigenaar="Ymere",
        deadline=date(2023, 6, 30),
        door=gebruiker,
    )


def test_every_admin_history_page_answers_for_the_beheerder(demo):
    _rijen_die_de_demo_niet_heeft(demo)
    client = demo.client("beheerder")
    geen_rij = []
    for model in admin.site._registry:
        obj = model._default_manager.first()
        if obj is None:
            geen_rij.append(model.__name__)
            continue
        url = _url(obj, "history")
        antwoord = client.get(url)
        assert antwoord.status_code == 200, url
    assert not geen_rij, (
        f"{geen_rij}: maak een rij in de demo of hier, zodat de pagina getest wordt"
    )


@pytest.mark.parametrize("model", REFERENTIE, ids=lambda m: m.__name__)
def test_reference_data_is_audited_append_only(model):
    assert hasattr(model, "history"), f"{model.__name__} heeft geen historie"


def test_a_counting_rule_changes_only_with_a_reason(demo):
    client = demo.client("beheerder")
    regel = Telregel.objects.filter(telt_mee=True, provincie__isnull=True).first()
    zonder = client.post(_url(regel), _formulier(regel, telt_mee=""))
    assert zonder.status_code == 200
    assert "Geef een reden" in zonder.content.decode()
    regel.refresh_from_db()
    assert regel.telt_mee is True

    voor = _teller(demo.almere)
    met = client.post(
        _url(regel), _formulier(regel, telt_mee="", reden="Besluit minister 12 mei"), follow=True
    )
    assert met.status_code == 200
    regel.refresh_from_db()
    assert regel.telt_mee is False
    laatste = regel.history.first()
    assert laatste.history_change_reason == "Besluit minister 12 mei"
    assert laatste.history_user.username == "beheerder"
    # A national rule: every gemeente is asked to recompute, and the message says so.
    assert _teller(demo.almere) == voor + 1
    assert _teller(demo.steenwijkerland) >= 1
    melding = " ".join(str(m) for m in get_messages(met.wsgi_request))
    assert f"{Gemeente.objects.count()} gemeenten" in melding and "Almere" in melding
    assert "raakt alle maanden van" in melding  # valid since 1900, open-ended
    historie = client.get(_url(regel, "history")).content.decode()
    assert "Besluit minister 12 mei" in historie


def test_a_share_change_recomputes_its_gemeente_and_names_the_months(demo):
    client = demo.client("beheerder")
    afspraak = Verdeelafspraak.objects.filter(gemeente=demo.almere).first()
    assert afspraak is not None
    voor, elders = _teller(demo.almere), _teller(demo.steenwijkerland)
    antwoord = client.post(
        _url(afspraak),
        _formulier(
            afspraak,
            teller=afspraak.teller + 1,
            geldig_vanaf="2023-03-01",
            reden="Nieuwe prestatieafspraak",
        ),
        follow=True,
    )
    assert antwoord.status_code == 200
    afspraak.refresh_from_db()
    assert afspraak.geldig_vanaf == date(2023, 3, 1)
    assert _teller(demo.almere) == voor + 1
    assert _teller(demo.steenwijkerland) == elders
    melding = " ".join(str(m) for m in get_messages(antwoord.wsgi_request))
    assert "Almere" in melding and "januari 2023" in melding  # from the old start date
    # On the gemeente's change history, with the reason.
    html = demo.client("opgaveteam_a").get("/gemeenten/GM0034/wijzigingen/").content.decode()
    assert "Nieuwe prestatieafspraak" in html


def test_a_counting_rule_change_is_noted_on_the_wijzigingen_page(demo):
    client = demo.client("beheerder")
    regel = Telregel.objects.filter(provincie__isnull=True).first()
    client.post(
        _url(regel), _formulier(regel, toelichting="nieuw", reden="Landelijke regel bijgesteld")
    )
    html = demo.client("opgaveteam_a").get("/gemeenten/GM0034/wijzigingen/").content.decode()
    assert "Wijzigingen in de referentiegegevens" in html
    assert "Landelijke regel bijgesteld" in html
    elders = demo.client("opgaveteam_b").get("/gemeenten/GM1708/wijzigingen/").content.decode()
    assert "Landelijke regel bijgesteld" in elders


def test_a_provincial_ladder_change_is_not_noted_in_another_province(demo):
    client = demo.client("beheerder")
    trede = Trede.objects.filter(provincie=demo.flevoland).first()
    client.post(_url(trede), _formulier(trede, omschrijving="x", reden="Ladder Flevoland herzien"))
    assert "Ladder Flevoland herzien" in (
        demo.client("opgaveteam_a").get("/gemeenten/GM0034/wijzigingen/").content.decode()
    )
    assert "Ladder Flevoland herzien" not in (
        demo.client("opgaveteam_b").get("/gemeenten/GM1708/wijzigingen/").content.decode()
    )


def test_reference_data_is_not_deleted_in_the_admin(demo):
    """A deletion has no form for a reason: end a rule with 'geldig tot' instead."""
    regel = Telregel.objects.first()
    assert demo.client("beheerder").get(_url(regel, "delete")).status_code == 403
