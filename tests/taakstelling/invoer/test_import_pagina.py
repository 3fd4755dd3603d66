"""The import pages: upload -> preview -> confirm, all or nothing."""

import re
from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from taakstelling.models import ImportVoorstel, Realisatie

pytestmark = pytest.mark.usefixtures("juni_2023")

URL = "/gemeenten/GM0034/realisatie/import/"
BEVESTIGEN = URL + "bevestigen/"
KOP = "gemeente,maand,bron,corporatie,personen_gehuisvest,personen_tellend,woningen"


def upload(client, tekst, naam="mei.csv"):
    return client.post(URL, {"bestand": SimpleUploadedFile(naam, tekst.encode())})


def verborgen(html: str, naam: str) -> str:
    return re.search(rf'name="{naam}" value="([^"]*)"', html).group(1)


def test_upload_shows_a_preview_and_writes_nothing_until_confirmed(demo):
    client = demo.client("opgaveteam_a")
    html = upload(client, f"{KOP}\nGM0034,2023-05,regulier,ymere,9,9,4\n").content.decode()
    assert "Het bestand is in orde: 1 regel, waarvan 1 nieuw" in html
    assert "1 maand wordt voor het eerst ingevuld" in html
    assert "Toelichting (niet verplicht)" in html
    assert not Realisatie.objects.filter(maand="2023-05-01").exists()
    antwoord = client.post(
        BEVESTIGEN,
        {"token": verborgen(html, "token"), "vingerafdruk": verborgen(html, "vingerafdruk")},
        follow=True,
    )
    assert antwoord.redirect_chain == [(URL, 302)]
    assert (
        "mei.csv is geïmporteerd: 1 nieuw, 0 gewijzigd, 0 ongewijzigd" in antwoord.content.decode()
    )
    r = Realisatie.objects.get(gemeente=demo.almere, maand="2023-05-01")
    assert r.history.get().history_change_reason == "Import mei.csv"
    # the same preview cannot be confirmed twice: it is gone
    assert client.post(BEVESTIGEN, {"token": verborgen(html, "token")}).status_code == 404
    assert not ImportVoorstel.objects.exists()


def test_a_refused_file_lists_every_bad_row_with_its_column(demo):
    client = demo.client("opgaveteam_a")
    tekst = (
        f"{KOP}\nGM0034,2023-05,regulier,ymere,9,9,4\n"
        "GM0034,2023-05,amv,,drie,,1\nGM1708,2023-05,amv,,3,3,1\n"
    )
    html = upload(client, tekst).content.decode()
    assert "Het bestand is geweigerd; er is niets opgeslagen" in html
    assert re.search(
        r"regel 3</th>\s*<td[^>]*>personen_gehuisvest</td>\s*<td[^>]*>Vul een geheel aantal", html
    )
    assert re.search(
        r"regel 4</th>\s*<td[^>]*>gemeente</td>\s*<td[^>]*>Hier importeert u alleen", html
    )
    assert not Realisatie.objects.filter(maand="2023-05-01").exists()


def test_no_file_or_a_strange_file_gets_a_message(demo):
    client = demo.client("opgaveteam_a")
    assert "Kies een bestand" in client.post(URL, {}).content.decode()
    html = upload(client, "%PDF", naam="brief.pdf").content.decode()
    assert "Kies een .csv- of .xlsx-bestand" in html


def test_an_old_month_asks_for_a_reason_before_confirming(demo):
    client = demo.client("opgaveteam_a")
    html = upload(client, f"{KOP}\nGM0034,2023-04,amv,,2,2,1\n", naam="april.csv").content.decode()
    assert "Reden van de wijziging (verplicht)" in html
    data = {"token": verborgen(html, "token"), "vingerafdruk": verborgen(html, "vingerafdruk")}
    zonder = client.post(BEVESTIGEN, data).content.decode()
    assert "Geef een reden" in zonder and 'aria-invalid="true"' in zonder
    assert not Realisatie.objects.filter(maand="2023-04-01", bron="amv").exists()
    assert client.post(BEVESTIGEN, data | {"reden": "Nidos meldde laat"}).status_code == 302
    h = Realisatie.history.get(maand="2023-04-01", bron="amv")
    assert h.history_change_reason == "Import april.csv: Nidos meldde laat"


def test_figures_changed_after_the_preview_are_shown_again_not_overwritten(demo):
    client = demo.client("opgaveteam_a")
    html = upload(client, f"{KOP}\nGM0034,2023-05,amv,,3,3,1\n").content.decode()
    ander = demo.client("opgaveteam_a")
    nu = upload(ander, f"{KOP}\nGM0034,2023-05,amv,,2,2,1\n", naam="ander.csv").content.decode()
    ander.post(
        BEVESTIGEN, {"token": verborgen(nu, "token"), "vingerafdruk": verborgen(nu, "vingerafdruk")}
    )
    antwoord = client.post(
        BEVESTIGEN,
        {"token": verborgen(html, "token"), "vingerafdruk": verborgen(html, "vingerafdruk")},
    )
    tekst = antwoord.content.decode()
    assert antwoord.status_code == 200 and "Iemand heeft cijfers gewijzigd" in tekst
    assert "2 / 2 / 1" in tekst and "3 / 3 / 1" in tekst
    assert Realisatie.objects.get(maand="2023-05-01", bron="amv").personen_gehuisvest == 2


def test_a_file_that_changes_nothing_says_so(demo, client):
    client.force_login(demo.user("opgaveteam_a"))
    export = client.get("/gemeenten/GM0034/realisatie/export.csv").content.decode()
    html = upload(client, export, naam="export.csv").content.decode()
    n = Realisatie.objects.filter(gemeente=demo.almere).count()
    assert f"{n} regels, waarvan 0 nieuw, 0 gewijzigd en {n} ongewijzigd" in html
    assert "Dit bestand verandert niets" in html and "Import bevestigen" not in html


# --- the waiting file is stored outside the session (finding 17) ----------------------------


def _voorbeeld(client, tekst=f"{KOP}\nGM0034,2023-05,amv,,3,3,1\n"):
    html = upload(client, tekst).content.decode()
    return {"token": verborgen(html, "token"), "vingerafdruk": verborgen(html, "vingerafdruk")}


def test_the_waiting_file_is_not_in_the_session(demo):
    client = demo.client("opgaveteam_a")
    data = _voorbeeld(client)
    assert all("import" not in sleutel for sleutel in list(client.session.keys()))
    voorstel = ImportVoorstel.objects.get(token=data["token"])
    assert voorstel.door == demo.user("opgaveteam_a") and voorstel.gemeente == demo.almere
    assert len(voorstel.token) >= 40  # 32 random bytes


def test_someone_else_cannot_confirm_my_import(demo):
    from organisaties.models import Lidmaatschap, Rol, User

    collega = User.objects.create_user("collega-almere", password="x")
    Lidmaatschap.objects.create(user=collega, rol=Rol.OPGAVETEAM, gemeente=demo.almere)
    mijn = demo.client("opgaveteam_a")
    data = _voorbeeld(mijn)
    ander = demo.client(None)
    ander.force_login(collega)
    assert ander.post(BEVESTIGEN, data).status_code == 404
    assert not Realisatie.objects.filter(maand="2023-05-01", bron="amv").exists()
    assert mijn.post(BEVESTIGEN, data).status_code == 302  # still mine to confirm
    assert Realisatie.objects.filter(maand="2023-05-01", bron="amv").exists()


def test_a_preview_expires_after_an_hour_and_is_cleaned_up(demo):
    import time_machine

    client = demo.client("opgaveteam_a")
    data = _voorbeeld(client)
    later = ImportVoorstel.objects.get().aangemaakt + ImportVoorstel.GELDIG + timedelta(minutes=1)
    with time_machine.travel(later, tick=False):
        client = demo.client("opgaveteam_a")  # sessions expire too
        antwoord = client.post(BEVESTIGEN, data, follow=True)
        assert "Dit voorbeeld is verlopen (na een uur)" in antwoord.content.decode()
        assert not ImportVoorstel.objects.exists()
        assert not Realisatie.objects.filter(maand="2023-05-01", bron="amv").exists()
        # An old preview of someone who never came back goes at the next upload.
        _voorbeeld(demo.client("opgaveteam_a"))
        ImportVoorstel.objects.update(
            aangemaakt=later - ImportVoorstel.GELDIG - timedelta(seconds=1)
        )
        _voorbeeld(demo.client("opgaveteam_a"))
        assert ImportVoorstel.objects.count() == 1


def test_a_user_has_a_few_previews_at_most(demo):
    client = demo.client("opgaveteam_a")
    tokens = [_voorbeeld(client)["token"] for _ in range(7)]
    assert sorted(ImportVoorstel.objects.values_list("token", flat=True)) == sorted(tokens[-5:])
