"""The dashboards' content cache (rapportage/paginacache.py): fast when nothing changed,
never stale after a change, and never one user's view for another."""

import re
from datetime import date

from django.db import connection
from django.test.utils import CaptureQueriesContext

from organisaties.herberekening import herberekening_aanvragen
from organisaties.models import Corporatie, Werkgebied
from prognose import services
from rapportage import paginacache
from rapportage.selectors import standaard_peildatum_provincie
from taakstelling.models import Bron, Realisatie

PAD = "/gemeenten/GM0034/?peildatum=2023-05-01"
IBT = "/provincies/flevoland/?peildatum=2023-05-01"


def _versie(demo) -> tuple:
    return paginacache.gemeentestand(demo.almere, date.today()).versie


def _tekst(antwoord) -> str:
    return re.sub(r"\s+", " ", antwoord.content.decode())


def _inhoud(antwoord) -> str:
    """The page without what differs per request (CSRF token, CSP nonce)."""
    return re.sub(r"[A-Za-z0-9+/_=-]{32,}", "", _tekst(antwoord))


def test_a_second_request_reads_the_content_from_the_cache(demo):
    client = demo.client("provincie_a")
    with CaptureQueriesContext(connection) as eerste:
        een = client.get(PAD)
    with CaptureQueriesContext(connection) as tweede:
        twee = client.get(PAD)
    assert een.status_code == twee.status_code == 200
    assert _inhoud(een) == _inhoud(twee)
    # Session, user, access, default data, one query for the data version: no figures read.
    assert len(tweede) <= 10 < len(eerste)
    assert not any("taakstelling_realisatie" in q["sql"] for q in tweede.captured_queries)
    with CaptureQueriesContext(connection) as ibt_eerste:
        client.get(IBT)
    with CaptureQueriesContext(connection) as ibt_tweede:
        client.get(IBT)
    assert len(ibt_tweede) <= 10 < len(ibt_eerste)


def test_a_changed_figure_shows_at_once(demo):
    client = demo.client("provincie_a")
    voor = _tekst(client.get(PAD))
    assert "98 personen gehuisvest" in voor  # seed 000 L43
    versie = _versie(demo)
    # As every write service does: the row, and in the same transaction the request for a
    # recompute, which raises the gemeente's data version (prognose/herberekening.py).
    Realisatie.objects.create(
        gemeente=demo.almere,
        maand=date(2023, 4, 1),
        bron=Bron.objects.get(code="amv"),
        personen_gehuisvest=5,
        personen_tellend=5,
        woningen=1,
    )
    herberekening_aanvragen(demo.almere.pk)
    assert _versie(demo) != versie
    na = _tekst(client.get(PAD))
    assert "103 personen gehuisvest" in na and "98 personen gehuisvest" not in na
    ibt = _tekst(client.get(IBT))
    assert "Almere" in ibt


def test_a_corporatie_never_gets_the_provincies_cached_view(demo):
    # The province renders (and caches) the supply of all corporaties first.
    provincie = _tekst(demo.client("provincie_a").get(PAD))
    blok = provincie.split('id="aanbod-kop"')[1].split("</table>")[0]
    assert "GoedeStede" in blok and "De Alliantie" in blok
    corporatie = _tekst(demo.client("corporatie_a").get(PAD))
    blok = corporatie.split('id="aanbod-kop"')[1].split("</table>")[0]
    assert "Ymere" in blok and "GoedeStede" not in blok and "De Alliantie" not in blok
    # And the other way round: a second corporatie gets its own row only, not Ymere's.
    tweede = _tekst(demo.client("corporatie_a2").get(PAD))
    blok = tweede.split('id="aanbod-kop"')[1].split("</table>")[0]
    assert "GoedeStede" in blok and "Ymere" not in blok


def test_access_is_checked_before_the_cache(demo):
    demo.client("provincie_a").get(PAD)  # cached for Almere
    assert demo.client("opgaveteam_b").get(PAD).status_code == 404
    assert demo.client("provincie_elders").get(IBT).status_code == 404


def test_a_bad_peildatum_is_not_cached(demo):
    client = demo.client("provincie_a")
    fout = _tekst(client.get("/gemeenten/GM0034/?peildatum=morgen"))
    assert "geen datum" in fout
    goed = _tekst(client.get("/gemeenten/GM0034/"))
    assert "geen datum" not in goed


def test_a_new_corporatie_in_the_working_area_changes_the_key(demo):
    versie = _versie(demo)
    nieuw = Corporatie.objects.create(naam="Nieuwe Woonstichting", slug="nieuwe-woonstichting")
    assert _versie(demo) == versie  # not in Almere (yet)
    Werkgebied.objects.create(corporatie=nieuw, gemeente=demo.almere)
    assert _versie(demo) != versie


def test_a_new_snapshot_changes_the_key(demo):
    versie = _versie(demo)
    provincie = paginacache.provinciestand(demo.flevoland, date.today()).versie
    services.herberekenen(demo.almere.pk)
    assert _versie(demo) != versie
    assert paginacache.provinciestand(demo.flevoland, date.today()).versie != provincie


def test_the_key_and_the_default_peildatum_are_one_query(demo, django_assert_num_queries):
    with django_assert_num_queries(1):
        stand = paginacache.gemeentestand(demo.almere, date(2026, 12, 3))
    assert stand.standaard_peildatum == date(2023, 5, 1)  # the demo's figures stop in April
    with django_assert_num_queries(1):
        stand = paginacache.provinciestand(demo.flevoland, date(2026, 12, 3))
    assert stand.standaard_peildatum == date(2023, 5, 1)
    for vandaag in (date(2023, 2, 20), date(2023, 4, 15), date(2026, 12, 3)):
        stand = paginacache.provinciestand(demo.flevoland, vandaag)
        assert stand.standaard_peildatum == standaard_peildatum_provincie(demo.flevoland, vandaag)
