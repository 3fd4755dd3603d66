"""Every URL of the project, for every persona, answers as the table says."""

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

from tests.toegang.tabel import PERSONAS, alle_verwachtingen, tekst_van

# Not ours to test per role: Django's admin has its own permission system (staff only), and
# the static/media helpers of development.
UITGEZONDERD_PREFIX = ("beheer/",)


def alle_url_namen() -> set[str]:
    """Names of every URL pattern; a pattern without a name is an error of its own."""
    namen: set[str] = set()

    def loop(patronen, prefix=""):
        for p in patronen:
            pad = prefix + str(p.pattern)
            if pad.startswith(UITGEZONDERD_PREFIX):
                continue
            if isinstance(p, URLResolver):
                loop(p.url_patterns, pad)
            elif isinstance(p, URLPattern):
                namen.add(p.name or f"<naamloos: {pad}>")

    loop(get_resolver().url_patterns)
    return namen


def test_every_url_has_an_expected_answer_for_every_role():
    bekend = {v.naam for v in alle_verwachtingen()}
    zonder = alle_url_namen() - bekend
    assert not zonder, f"URL's zonder verwachting in tests/toegang/verwachtingen_*.py: {zonder}"


GEVALLEN = [
    pytest.param(v, persona, id=f"{v.naam}-{v.methode}-{persona}")
    for v in alle_verwachtingen()
    for persona in PERSONAS
]


@pytest.mark.parametrize(("verwachting", "persona"), GEVALLEN)
def test_role_gets_the_expected_answer(demo, verwachting, persona):
    client = demo.client(None if persona == "anoniem" else persona)
    doe = client.post if verwachting.methode == "POST" else client.get
    antwoord = doe(verwachting.pad, verwachting.data)
    assert antwoord.status_code == verwachting.antwoorden[persona], (
        f"{verwachting.methode} {verwachting.pad} als {persona}"
    )
    if antwoord.status_code == 302 and persona == "anoniem" and verwachting.naam != "uitloggen":
        assert antwoord.url.startswith("/inloggen/")
    inhoud = verwachting.inhoud.get(persona)
    if inhoud is not None:
        tekst = tekst_van(antwoord)
        for wel in inhoud.wel:
            assert wel in tekst, f"{verwachting.pad} als {persona} mist {wel!r}"
        for niet in inhoud.niet:
            assert niet not in tekst, f"{verwachting.pad} als {persona} toont {niet!r}"


def test_content_checks_can_fail_on_the_demo_data():
    """Every text a persona must not see is one another persona does see on that URL."""
    for v in alle_verwachtingen():
        wel = {t for inhoud in v.inhoud.values() for t in inhoud.wel}
        for persona, inhoud in v.inhoud.items():
            zonder = set(inhoud.niet) - wel
            assert not zonder, f"{v.pad}: {persona} mag {zonder} niet zien, niemand wel"
