"""The exchange ledger (issue 15 item 4, art. 29 lid 2): A takes N of B's quota, with both
colleges' consent and the province's approval; both quota change by N, the province's sum
does not; audited; the province sees the ledger."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from kern.perioden import Halfjaar
from organisaties.models import Gemeente
from taakstelling.models import Bijstelling, Taakstelling
from taakstelling.officieel.models import Uitruil
from taakstelling.officieel.selectors import geldend_aantal
from taakstelling.officieel.services import uitruil_vastleggen

H = Halfjaar(2023, 2)
URL = "/provincies/flevoland/uitruil/"


def _som(provincie) -> int:
    return sum(
        geldend_aantal(t)
        for t in Taakstelling.objects.filter(gemeente__provincie=provincie, jaar=2023, helft=2)
    )


def _vastleggen(demo, wie="provincie_a", personen=5, **anders):
    kwargs = {
        "provincie": demo.flevoland,
        "halfjaar": H,
        "neemt_over": Gemeente.objects.get(cbs_code="GM0184"),  # Urk
        "draagt_over": Gemeente.objects.get(cbs_code="GM0050"),  # Zeewolde
        "personen": personen,
        "instemming_neemt_over": (date(2023, 8, 1), "B&W Urk 2023-17"),
        "instemming_draagt_over": (date(2023, 8, 3), "B&W Zeewolde 2023/88"),
        "goedkeuring": (date(2023, 8, 20), "GS Flevoland 3012345"),
        "door": demo.user(wie),
    }
    return uitruil_vastleggen(**(kwargs | anders))


def test_both_quota_change_and_the_province_sum_does_not(demo):
    urk = Gemeente.objects.get(cbs_code="GM0184")
    zeewolde = Gemeente.objects.get(cbs_code="GM0050")
    t_urk = Taakstelling.objects.get(gemeente=urk, jaar=2023, helft=2)
    t_zee = Taakstelling.objects.get(gemeente=zeewolde, jaar=2023, helft=2)
    voor = (geldend_aantal(t_urk), geldend_aantal(t_zee), _som(demo.flevoland))
    u = _vastleggen(demo)
    assert (geldend_aantal(t_urk), geldend_aantal(t_zee)) == (voor[0] + 5, voor[1] - 5)
    assert _som(demo.flevoland) == voor[2]
    b = Bijstelling.objects.get(taakstelling=t_urk, datum=date(2023, 8, 20))
    assert "GS Flevoland 3012345" in b.reden
    assert "Uitruil art. 29 lid 2" in u.history.first().history_change_reason
    assert u.history.first().history_user.username == "provincie-flevoland"


def test_what_cannot_be_is_refused_and_writes_nothing(demo):
    zeewolde = Gemeente.objects.get(cbs_code="GM0050")
    with pytest.raises(ValidationError):
        _vastleggen(demo, personen=10_000)  # more than Zeewolde's quota
    with pytest.raises(ValidationError):
        _vastleggen(demo, draagt_over=Gemeente.objects.get(cbs_code="GM0184"))
    with pytest.raises(ValidationError):
        _vastleggen(demo, goedkeuring=(date(2023, 7, 1), "te vroeg"))
    with pytest.raises(ValidationError):
        _vastleggen(demo, draagt_over=demo.steenwijkerland)
    with pytest.raises(PermissionDenied):
        _vastleggen(demo, wie="provincie_elders")
    with pytest.raises(PermissionDenied):
        _vastleggen(demo, wie="opgaveteam_a")
    assert not Uitruil.objects.exists()
    assert not Bijstelling.objects.filter(gemeente=zeewolde).exists()


def test_the_province_sees_and_records_the_ledger_on_its_page(demo):
    c = demo.client("provincie_a")
    data = {
        "halfjaar": "2023-H2",
        "neemt_over": Gemeente.objects.get(cbs_code="GM0184").pk,
        "draagt_over": Gemeente.objects.get(cbs_code="GM0050").pk,
        "personen": "3",
        "instemming_neemt_over_datum": "2023-08-01",
        "instemming_neemt_over_kenmerk": "B&W Urk 2023-17",
        "instemming_draagt_over_datum": "2023-08-03",
        "instemming_draagt_over_kenmerk": "B&W Zeewolde 2023/88",
        "goedkeuring_datum": "2023-08-20",
        "goedkeuring_kenmerk": "GS 1",
        "toelichting": "",
    }
    assert c.post(URL, data | {"personen": "nul"}).status_code == 400
    assert c.post(URL, data).status_code == 302
    html = c.get(URL).content.decode()
    assert "Urk" in html and "GS 1" in html and "tweede helft 2023" in html
    assert (
        'href="/provincies/flevoland/uitruil/"' in c.get("/provincies/flevoland/").content.decode()
    )
    lezen = demo.client("beheerder").get(URL).content.decode()
    assert "GS 1" in lezen and "Uitruil vastleggen</button>" not in lezen
    assert demo.client("beheerder").post(URL, data).status_code == 403
    assert demo.client("provincie_elders").get(URL).status_code == 404
