"""Dashboards, the IBT dashboard, the meeting pack with its exports and decisions, and the
API-token page (issue 'Rapportage'). Every export has its own row: an export is checked on
the server like its page, never only by hiding the link."""

from tests.toegang.tabel import PERSONAS, Inhoud, Verwachting, lezen

OVERLEG = "/gemeenten/GM0034/overleg/"
INGELOGD = [p for p in PERSONAS if p != "anoniem"]


def provincie(**toegestaan: int) -> dict[str, int]:
    """The IBT dashboard: the provincie's own users and the beheerder; everyone else 404."""
    return {"anoniem": 302, **dict.fromkeys(INGELOGD, 404), "beheerder": 200, **toegestaan}


VASTLEGGEN = lezen(corporatie_a=403, provincie_a=403, taskforce_a=403, beheerder=403)

VERWACHTINGEN = [
    Verwachting("gemeente", "/gemeenten/GM0034/?peildatum=2023-09-01", lezen()),
    Verwachting("gemeente", "/gemeenten/GM0034/?peildatum=2023-05-01", lezen()),
    # Issue 14 §9: "Past het aanbod?" for everyone who reads the dashboard (the demo's
    # households wait today), counts only, with a link to the households.
    Verwachting(
        "gemeente",
        "/gemeenten/GM0034/",
        lezen(),
        inhoud={
            p: Inhoud(wel=("Past het aanbod?", "Naar de huishoudens van Almere"))
            for p in ("opgaveteam_a", "corporatie_a", "provincie_a", "taskforce_a", "beheerder")
        },
    ),
    Verwachting("provincie", "/provincies/flevoland/", provincie(provincie_a=200)),
    Verwachting(
        "provincie", "/provincies/flevoland/?peildatum=2023-03-01", provincie(provincie_a=200)
    ),
    Verwachting("provincie", "/provincies/overijssel/", provincie(provincie_elders=200)),
    # The IBT dashboard as a PDF for Gedeputeerde Staten: checked like its page.
    Verwachting("provincie", "/provincies/flevoland/?formaat=pdf", provincie(provincie_a=200)),
    Verwachting(
        "provincie",
        "/provincies/overijssel/?peildatum=2024-07-01&formaat=pdf",
        provincie(provincie_elders=200),
    ),
    Verwachting("provincie", "/provincies/bestaat-niet/", provincie(beheerder=404)),
    Verwachting("overleg", OVERLEG, lezen()),
    Verwachting("overleg", OVERLEG + "?datum=2023-06-01", lezen()),
    Verwachting("overleg", OVERLEG + "?datum=2023-06-01&formaat=xlsx", lezen()),
    Verwachting("overleg", OVERLEG + "?datum=2023-06-01&formaat=csv", lezen()),
    Verwachting("overleg", OVERLEG + "?datum=2023-06-01&formaat=pdf", lezen()),
    Verwachting("overleg", OVERLEG, {p: 405 for p in PERSONAS} | {"anoniem": 302}, methode="POST"),
    # The opgaveteam gets the page back with Dutch messages (the body is empty on purpose).
    Verwachting("overleg_besluit", OVERLEG + "besluiten/", VASTLEGGEN, methode="POST"),
    Verwachting(
        "overleg_besluit", OVERLEG + "besluiten/", {p: 405 for p in PERSONAS} | {"anoniem": 302}
    ),
    Verwachting("api_tokens", "/api-tokens/", {"anoniem": 302, **dict.fromkeys(INGELOGD, 200)}),
    Verwachting(
        "api_tokens",
        "/api-tokens/",
        {"anoniem": 302, **dict.fromkeys(INGELOGD, 200)},
        methode="POST",
    ),
    # Somebody else's (or no) token: 404 for everyone.
    Verwachting(
        "api_token_intrekken",
        "/api-tokens/999999/intrekken/",
        {"anoniem": 302, **dict.fromkeys(INGELOGD, 404)},
        methode="POST",
    ),
    Verwachting(
        "api_token_intrekken",
        "/api-tokens/999999/intrekken/",
        {"anoniem": 302, **dict.fromkeys(INGELOGD, 405)},
    ),
]
