"""Form rendering (issue 11, finding 10): every field of the scenario form, the decision form
and the IBT form carries its NL Design System class, the verschoonbaar checkbox is a Utrecht
checkbox field (box before its label), and a bound form with errors gets the error summary."""

import re

import pytest
from django.template.loader import render_to_string

from rapportage.forms import BesluitFormulier


def _velden(html: str, formulier_begin: str) -> list[str]:
    """The input, select and textarea tags of the form whose opening tag contains the text."""
    begin = html.index(formulier_begin)
    eind = html.index("</form>", begin)
    return re.findall(r"<(?:input|select|textarea)\b[^>]*>", html[begin:eind])


def _zonder_klasse(tags: list[str]) -> list[str]:
    return [
        t
        for t in tags
        if 'type="hidden"' not in t
        and not re.search(r'class="[^"]*utrecht-(textbox|select|textarea|checkbox)', t)
    ]


@pytest.mark.parametrize(
    ("persona", "pad", "formulier"),
    [
        ("opgaveteam_a", "/gemeenten/GM0034/prognose/", 'class="prognose-formulier"'),
        ("opgaveteam_a", "/gemeenten/GM0034/overleg/", "overleg/besluiten/"),
        ("provincie_a", "/gemeenten/GM0034/ibt/", 'action="/gemeenten/GM0034/ibt/"'),
    ],
)
def test_every_field_has_its_utrecht_class(demo, persona, pad, formulier):
    html = demo.client(persona).get(pad).content.decode()
    tags = _velden(html, formulier)
    assert tags and not _zonder_klasse(tags), _zonder_klasse(tags)


def test_the_verschoonbaar_checkbox_is_a_utrecht_checkbox_field(demo):
    html = demo.client("provincie_a").get("/gemeenten/GM0034/ibt/").content.decode()
    veld = re.search(
        r'<div class="utrecht-form-field utrecht-form-field--checkbox.*?</div>\s*</div>', html, re.S
    )
    assert veld, "geen checkboxveld"
    assert veld.group(0).index('type="checkbox"') < veld.group(0).index("<label")


def test_a_form_with_errors_gets_the_error_summary_with_links(db):
    formulier = BesluitFormulier(data={})
    assert not formulier.is_valid()
    html = render_to_string("includes/foutoverzicht.html", {"formulier": formulier})
    assert 'role="alert"' in html and "data-focus" in html
    for naam in formulier.errors:
        assert f'href="#{formulier[naam].id_for_label}"' in html
