"""The notifications in the application: the unread count in the header, the list, opening
one (read, on to the page that explains it), the settings form, and the unsubscribe link
(signed, without logging in, only for its own kind)."""

import re

from meldingen import afmelden, soorten
from meldingen.models import Abonnement, Melding, Soort, Wijze


def _melding(user, sleutel="test-pagina", **velden) -> Melding:
    return Melding.objects.create(
        user=user, sleutel=sleutel, soort=velden.pop("soort", Soort.MAAND_ONTBREEKT),
        titel=velden.pop("titel", "Almere: mei 2023 is nog niet ingevuld"), tekst="Uitleg",
        link="/gemeenten/GM0034/realisatie/2023-05/", wijze=Wijze.DIRECT, **velden,
    )  # fmt: skip


def _tekst(antwoord) -> str:
    return antwoord.content.decode()


def test_the_header_counts_unread_and_opening_marks_read_and_leads_to_the_explanation(demo):
    user = demo.user("opgaveteam_a")
    m = _melding(user)
    _melding(user, "test-pagina-2", titel="Almere: juni 2023 is nog niet ingevuld")
    client = demo.client("opgaveteam_a")
    # The header loads the count after the page (htmx), so no page pays a query for it.
    assert 'hx-get="/meldingen/teller/"' in _tekst(client.get("/hulp/"))
    teller = _tekst(client.get("/meldingen/teller/", HTTP_HX_REQUEST="true"))
    assert '2<span class="monitor-verborgen"> ongelezen</span>' in teller
    lijst = _tekst(client.get("/meldingen/"))
    assert "Almere: mei 2023 is nog niet ingevuld" in lijst and "2 ongelezen" in lijst
    antwoord = client.get(f"/meldingen/{m.pk}/")
    assert antwoord.status_code == 302 and antwoord.url == "/gemeenten/GM0034/realisatie/2023-05/"
    m.refresh_from_db()
    assert m.gelezen_op is not None
    assert ">1<" in _tekst(client.get("/meldingen/teller/", HTTP_HX_REQUEST="true"))
    # Someone else's notification does not exist for this user.
    assert demo.client("taskforce_a").get(f"/meldingen/{m.pk}/").status_code == 404
    assert "mei 2023" not in _tekst(demo.client("taskforce_a").get("/meldingen/"))


def test_the_settings_save_each_choice_and_refuse_bad_input_in_dutch(demo):
    client = demo.client("opgaveteam_a")
    pagina = _tekst(client.get("/meldingen/instellingen/"))
    assert "Drempel voor de kans (procent)" in pagina and 'value="50"' in pagina
    goed = {s: Wijze.DIRECT for s in Soort.values} | {
        Soort.OORDEEL_BETER: Wijze.UIT,
        Soort.HUISHOUDEN_NORM: Wijze.OVERZICHT,
        "kansdrempel": "30",
    }
    fout = client.post("/meldingen/instellingen/", goed | {"kansdrempel": "150"})
    assert fout.status_code == 400
    assert "Er is niets opgeslagen" in _tekst(fout)
    assert "De drempel is hoogstens 99 procent." in _tekst(fout)
    assert not Abonnement.objects.filter(user=demo.user("opgaveteam_a")).exists()
    assert client.post("/meldingen/instellingen/", goed).status_code == 302
    keuzes = soorten.keuzes(demo.user("opgaveteam_a"))
    assert keuzes[Soort.OORDEEL_BETER].wijze == Wijze.UIT
    assert keuzes[Soort.HUISHOUDEN_NORM].wijze == Wijze.OVERZICHT
    assert keuzes[Soort.KANS_ONDER_DREMPEL].kansdrempel == 30


def test_a_corporatie_cannot_subscribe_to_household_counts(demo):
    client = demo.client("corporatie_a")
    velden = {s: Wijze.DIRECT for s in Soort.values} | {"kansdrempel": "50"}
    assert client.post("/meldingen/instellingen/", velden).status_code == 302
    assert not Abonnement.objects.filter(soort=Soort.HUISHOUDEN_NORM).exists()
    assert soorten.keuzes(demo.user("corporatie_a"))[Soort.HUISHOUDEN_NORM].wijze == Wijze.UIT


def test_unsubscribe_works_without_login_and_only_for_that_kind(demo, client):
    user = demo.user("opgaveteam_a")
    voor = soorten.keuzes(user)
    assert voor[Soort.OORDEEL_SLECHTER].wijze == Wijze.DIRECT
    link = afmelden.url(user.pk, Soort.OORDEEL_SLECHTER)
    pad = re.sub(r"^https?://[^/]+", "", link)
    pagina = client.get(pad)  # not logged in
    assert pagina.status_code == 200
    assert "het oordeel over een mijlpaal wordt slechter" in _tekst(pagina)
    assert soorten.keuzes(user)[Soort.OORDEEL_SLECHTER].wijze == Wijze.DIRECT  # GET changes nothing
    klaar = client.post(pad)  # the button, or a mail client's one-click POST (RFC 8058)
    assert klaar.status_code == 200 and "U bent afgemeld" in _tekst(klaar)
    na = soorten.keuzes(user)
    assert na[Soort.OORDEEL_SLECHTER].wijze == Wijze.UIT
    assert {s: k.wijze for s, k in na.items() if s != Soort.OORDEEL_SLECHTER} == {
        s: k.wijze for s, k in voor.items() if s != Soort.OORDEEL_SLECHTER
    }
    # A token changed by one character, or one for another purpose, is refused.
    kapot = pad[:-3] + ("A" if pad[-3] != "A" else "B") + pad[-2:]
    assert client.post(kapot).status_code == 400
    assert "ongeldig" in _tekst(client.get(kapot))


def test_before_the_second_step_the_counter_shows_no_count_and_does_not_redirect(demo, settings):
    settings.TWEESTAPS_VERPLICHT = True
    _melding(demo.user("opgaveteam_a"))
    client = demo.client("opgaveteam_a")  # logged in, second step not done
    antwoord = client.get("/meldingen/teller/", HTTP_HX_REQUEST="true")
    assert antwoord.status_code == 200 and "HX-Redirect" not in antwoord
    assert _tekst(antwoord) == "Meldingen"
    assert client.get("/meldingen/").status_code == 302  # the list itself needs the second step


def test_a_notification_about_a_gemeente_no_longer_visible_is_neither_shown_nor_mailed(demo, smtp):
    """Access can end after a row was written (a membership removed): the list, the counter
    and the mail check access again."""
    from meldingen import verzenden
    from meldingen.models import Status

    user = demo.user("opgaveteam_b")  # sees Steenwijkerland, not Almere
    user.email = "b@example.nl"
    user.save()
    m = _melding(user, gemeente=demo.almere)
    client = demo.client("opgaveteam_b")
    assert "mei 2023" not in _tekst(client.get("/meldingen/"))
    assert client.get(f"/meldingen/{m.pk}/").status_code == 404
    assert _tekst(client.get("/meldingen/teller/")) == "Meldingen"
    assert verzenden.verstuur_melding(m.pk) is False
    m.refresh_from_db()
    assert m.status == Status.GEEN_MAIL and smtp.berichten == []


def test_the_link_of_a_removed_account_is_refused_not_an_error(demo, client):
    link = afmelden.url(987654321, Soort.OORDEEL_SLECHTER)
    pad = re.sub(r"^https?://[^/]+", "", link)
    assert client.post(pad).status_code == 400
