"""The national number per half-year (issue 15 item 1): published figures with their source,
revisions within a half-year (the latest holds), added by the beheerder with a reason."""

from datetime import date

from kern.perioden import Halfjaar
from taakstelling.officieel.models import LandelijkeTaakstelling
from taakstelling.officieel.selectors import landelijk_geldend, landelijke_reeks


def test_the_shipped_figures_each_have_a_source(demo):
    gepubliceerd = LandelijkeTaakstelling.objects.filter(illustratief=False)
    assert gepubliceerd.count() >= 3
    for rij in gepubliceerd:
        assert rij.publicatie_titel and rij.organisatie and rij.publicatie_datum
        assert rij.history.filter(history_type="+").exists()
    h1 = landelijke_reeks(Halfjaar(2019, 1))
    assert [(r.geldig_vanaf, r.aantal) for r in h1] == [
        (date(2019, 1, 1), 8000),
        (date(2019, 3, 26), 6000),
    ]
    assert "Rijksoverheid" in h1[1].bron_tekst and "26-03-2019" in h1[1].bron_tekst


def test_a_revision_holds_from_its_date(demo):
    h = Halfjaar(2019, 1)
    assert landelijk_geldend(h, date(2019, 3, 25)).aantal == 8000
    assert landelijk_geldend(h, date(2019, 3, 26)).aantal == 6000
    assert landelijk_geldend(h).aantal == 6000
    assert landelijk_geldend(Halfjaar(2019, 2)).aantal == 6000
    assert landelijk_geldend(h, date(2018, 12, 31)) is None


def test_the_beheerder_adds_one_with_a_reason_and_it_is_audited(demo):
    client = demo.client("beheerder")
    url = "/beheer/taakstelling/landelijketaakstelling/add/"
    data = {
        "jaar": "2025",
        "helft": "2",
        "geldig_vanaf": "2025-06-01",
        "aantal": "12345",
        "publicatie_titel": "Proefcirculaire",
        "organisatie": "Rijksoverheid",
        "publicatie_datum": "2025-06-01",
        "link": "",
        "toelichting": "",
    }
    zonder = client.post(url, data)
    assert zonder.status_code == 200 and "Geef een reden" in zonder.content.decode()
    assert not LandelijkeTaakstelling.objects.filter(jaar=2025).exists()
    antwoord = client.post(url, data | {"reden": "Circulaire ontvangen"}, follow=True)
    assert "/provincies/flevoland/art29/?halfjaar=2025-H2" in antwoord.content.decode()
    rij = LandelijkeTaakstelling.objects.get(jaar=2025)
    laatste = rij.history.first()
    assert laatste.history_change_reason == "Circulaire ontvangen"
    assert laatste.history_user.username == "beheerder"
    # no deletion of reference data
    verwijderen = f"/beheer/taakstelling/landelijketaakstelling/{rij.pk}/delete/"
    assert client.get(verwijderen).status_code in (302, 403)
