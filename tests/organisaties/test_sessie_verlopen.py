"""An expired session on an entry page (review finding 8, D7): the next htmx request logs in
as a whole page instead of swapping the log-in page into the form or the cell; one global
script (static/js/monitor.js, from base.html) does what realisatie.js and beheer-invoer.js
did apart."""

from pathlib import Path
from urllib.parse import quote

import pytest
from django.conf import settings

pytestmark = pytest.mark.usefixtures("juni_2023")

MEI = "/gemeenten/GM0034/realisatie/2023-05/"
PLAN = "/gemeenten/GM0034/plan/2023-05-01/"
AANBOD = "/corporaties/ymere/aanbod/2023-05/"


def htmx(pagina: str) -> dict:
    return {"HTTP_HX_REQUEST": "true", "HTTP_HX_CURRENT_URL": f"http://testserver{pagina}"}


@pytest.mark.parametrize(
    ("pagina", "pad", "data"),
    [
        (MEI, MEI, {"actie": "voorbeeld", "r-amv-personen_gehuisvest": "3"}),
        (MEI, MEI, {"reden": "x"}),
        (PLAN, PLAN + "acties/amv/2023-06/", {"c-amv-2023-06": "3"}),
        (PLAN, PLAN + "acties/amv/", {}),
        (AANBOD, AANBOD + "GM0034/", {}),
        ("/gemeenten/GM0034/realisatie/import/", "/gemeenten/GM0034/realisatie/import/", {}),
    ],
)
def test_an_anonymous_htmx_request_is_sent_to_log_in_as_a_whole_page(demo, pagina, pad, data):
    antwoord = demo.client(None).post(pad, data, **htmx(pagina))
    assert antwoord.status_code == 200
    assert antwoord["HX-Redirect"] == f"/inloggen/?next={quote(pagina, safe='')}"
    assert antwoord.content == b""  # nothing to swap into the page


def test_without_htmx_an_anonymous_visitor_is_redirected_as_before(demo):
    antwoord = demo.client(None).get(MEI)
    assert antwoord.status_code == 302
    assert antwoord.url == f"/inloggen/?next={MEI}"
    assert "HX-Redirect" not in antwoord


def test_a_logged_in_htmx_request_is_left_alone(demo):
    antwoord = demo.client("opgaveteam_a").post(
        MEI, {"actie": "voorbeeld", "r-amv-personen_gehuisvest": "3"}, **htmx(MEI)
    )
    assert antwoord.status_code == 200 and "HX-Redirect" not in antwoord
    assert 'id="totalen"' in antwoord.content.decode()


def test_one_script_from_the_base_template_serves_every_entry_page(demo):
    js = Path(settings.BASE_DIR) / "static" / "js"
    assert not (js / "realisatie.js").exists() and not (js / "beheer-invoer.js").exists()
    script = (js / "monitor.js").read_text()
    assert "/inloggen/" in script and "htmx:afterSettle" in script
    assert "422" not in script and "409" not in script  # refused input answers 200
    for persona, pad in (("opgaveteam_a", MEI), ("opgaveteam_a", PLAN), ("corporatie_a", AANBOD)):
        html = demo.client(persona).get(pad).content.decode()
        assert html.count('src="/static/js/monitor.js"') == 1, pad
        assert "realisatie.js" not in html and "beheer-invoer.js" not in html
