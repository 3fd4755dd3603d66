"""A refused form (CSRF) answers with a Dutch page that says what to do, not Django's English
"403 Forbidden" that points at DEBUG=True (issue 12)."""

from django.test import Client

from tests.conftest import PERSONAS, WACHTWOORD


def test_a_forged_or_stale_csrf_token_gets_a_dutch_page(demo):
    client = Client(enforce_csrf_checks=True)
    client.get("/inloggen/")
    antwoord = client.post(
        "/inloggen/",
        {
            "username": PERSONAS["beheerder"],
            "password": WACHTWOORD,
            "csrfmiddlewaretoken": "x" * 32,
        },
    )
    assert antwoord.status_code == 403
    tekst = antwoord.content.decode()
    assert 'lang="nl"' in tekst and 'role="alert"' in tekst
    assert ">Formulier niet verstuurd</h1>" in tekst
    assert "Laad de pagina opnieuw" in tekst
    for engels in ("Forbidden", "DEBUG", "CSRF verification failed"):
        assert engels not in tekst
    assert "_auth_user_id" not in client.session


def test_without_the_csrf_cookie_the_page_names_cookies(demo):
    antwoord = Client(enforce_csrf_checks=True).post(
        "/inloggen/", {"username": PERSONAS["beheerder"], "password": WACHTWOORD}
    )
    assert antwoord.status_code == 403
    tekst = antwoord.content.decode()
    assert ">Formulier niet verstuurd</h1>" in tekst
    assert "sta cookies voor deze site toe" in tekst
