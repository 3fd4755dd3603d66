"""The pipeline page with 2,000 households in a fixed number of queries (issue 14 §11);
bench/huishoudens.py times it."""

from datetime import date

from bemiddeling.models import Huishouden
from demo.huishoudens import genereer
from organisaties.models import Corporatie, Rol, Werkgebied
from tests import fabriek

MAX_QUERIES = 12


def test_the_pipeline_page_of_2000_households_takes_at_most_12_queries(
    db, client, django_assert_max_num_queries
):
    g = fabriek.gemeente()
    corporaties = [fabriek.corporatie() for _ in range(3)]
    Werkgebied.objects.bulk_create([Werkgebied(corporatie=c, gemeente=g) for c in corporaties])
    genereer(
        g,
        corporaties,
        date.today(),
        wachtend=1600,
        verhuisd=350,
        uitgevallen=50,
        voorvoegsel="SCHAAL",
    )
    assert Huishouden.objects.filter(gemeente=g).count() == 2000
    client.force_login(fabriek.gebruiker(Rol.OPGAVETEAM, gemeente=g))
    pad = f"/gemeenten/{g.cbs_code}/huishoudens/"
    client.get(pad)  # sessions, caches
    with django_assert_max_num_queries(MAX_QUERIES) as queries:
        antwoord = client.get(pad)
    assert antwoord.status_code == 200
    assert len(queries.captured_queries) >= 5  # the count is real (session, user, rows, ...)
    tekst = antwoord.content.decode()
    assert tekst.count('<li class="hh-kaart') <= 4 * 40  # the most urgent 40 per column
    assert "minder dringende" in tekst
    with django_assert_max_num_queries(MAX_QUERIES):
        alle = client.get(pad + "?alle=1").content.decode()
    assert alle.count('<li class="hh-kaart') >= 1600
    with django_assert_max_num_queries(MAX_QUERIES):
        assert client.get(pad + "?grootte=1&behoefte=medisch").status_code == 200
    assert Corporatie.objects.count()
