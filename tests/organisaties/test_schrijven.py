"""organisaties.views.schrijven.schrijf: the write block every entry view shares."""

import pytest
from django import forms
from django.contrib.messages import get_messages
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse

from organisaties.forms import Invoerformulier
from organisaties.views.schrijven import schrijf
from organisaties.wijzigen import Conflict


class Formulier(Invoerformulier):
    aantal = forms.IntegerField()


class GewoonFormulier(forms.Form):
    aantal = forms.IntegerField()


def _verzoek(rf, htmx=False):
    request = rf.post("/", {"aantal": "3"})
    request._messages = CookieStorage(request)
    request.htmx = htmx
    return request


def _schrijf(request, formulier, dienst, **kw):
    kw.setdefault("melding", lambda n: f"{n} opgeslagen.")
    kw.setdefault("naar", "/klaar/")
    kw.setdefault("opnieuw", lambda: HttpResponse("opnieuw"))
    return schrijf(request, formulier, dienst, **kw)


def _meldingen(request) -> list[str]:
    return [str(m) for m in get_messages(request)]


def test_success_shows_the_message_and_redirects(rf):
    request = _verzoek(rf)
    antwoord = _schrijf(request, Formulier(request.POST), lambda d: d["aantal"] * 2)
    assert (antwoord.status_code, antwoord.url) == (302, "/klaar/")
    assert _meldingen(request) == ["6 opgeslagen."]


def test_an_invalid_form_never_calls_the_service(rf):
    request = rf.post("/", {"aantal": "veel"})
    antwoord = _schrijf(request, Formulier(request.POST), pytest.fail)
    assert antwoord.content == b"opnieuw"


def test_a_validation_error_goes_to_the_fields_it_names(rf):
    request = _verzoek(rf)
    formulier = Formulier(request.POST)

    def dienst(d):
        raise ValidationError({"aantal": "Te veel.", "elders": "Niet hier."})

    antwoord = _schrijf(request, formulier, dienst)
    assert antwoord.content == b"opnieuw"
    assert formulier.errors["aantal"] == ["Te veel."]
    assert formulier.non_field_errors() == ["Niet hier."]
    assert formulier.fields["aantal"].widget.attrs["aria-describedby"] == "id_aantal_fout"
    assert _meldingen(request) == []


def test_a_plain_django_form_gets_the_same_places(rf):
    request = _verzoek(rf)
    formulier = GewoonFormulier(request.POST)

    def dienst(d):
        raise ValidationError({"aantal": ["Te veel.", "Echt."], "elders": "Niet hier."})

    _schrijf(request, formulier, dienst)
    assert formulier.errors["aantal"] == ["Te veel.", "Echt."]
    assert formulier.non_field_errors() == ["Niet hier."]


def _botst(d):
    raise Conflict(None)


def test_a_conflict_text_goes_at_its_field_or_at_the_top(rf):
    request = _verzoek(rf)
    formulier = Formulier(request.POST)
    _schrijf(request, formulier, _botst, conflict="Al vastgelegd.", conflict_veld="aantal")
    assert formulier.errors["aantal"] == ["Al vastgelegd."]

    formulier = Formulier(request.POST)
    _schrijf(request, formulier, _botst, conflict="Al vastgelegd.")
    assert formulier.non_field_errors() == ["Al vastgelegd."]


def test_a_conflict_function_may_answer_itself(rf):
    request = _verzoek(rf)
    formulier = Formulier(request.POST)
    antwoord = _schrijf(
        request, formulier, _botst, conflict=lambda c: HttpResponse("eigen antwoord")
    )
    assert antwoord.content == b"eigen antwoord"

    def met_versie(c):
        formulier.add_error(None, "Nu anders.")
        formulier.zet_invoer("aantal", "4")

    antwoord = _schrijf(request, formulier, _botst, conflict=met_versie)
    assert antwoord.content == b"opnieuw"
    assert formulier.data["aantal"] == "4"


def test_an_unexpected_conflict_and_a_refused_right_go_up(rf):
    request = _verzoek(rf)
    with pytest.raises(Conflict):
        _schrijf(request, Formulier(request.POST), _botst)

    def geweigerd(d):
        raise PermissionDenied

    with pytest.raises(PermissionDenied):
        _schrijf(request, Formulier(request.POST), geweigerd, conflict="x")


def test_htmx_gets_the_part_with_the_message_or_with_the_errors(rf):
    request = _verzoek(rf, htmx=True)

    def deel(melding):
        return HttpResponse(f"deel: {melding}")

    antwoord = _schrijf(request, Formulier(request.POST), lambda d: 1, deel=deel)
    assert antwoord.content == b"deel: 1 opgeslagen."
    assert _meldingen(request) == []  # in the part, not in the next page

    antwoord = _schrijf(request, Formulier(request.POST), _botst, conflict="x", deel=deel)
    assert antwoord.content == b"deel: None"

    # Without a part htmx gets what a plain post gets.
    antwoord = _schrijf(request, Formulier(request.POST), lambda d: 1)
    assert antwoord.status_code == 302
