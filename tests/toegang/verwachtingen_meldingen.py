"""Notifications (issue 16): everyone logged in has their own list and settings (only their
own rows: another user's notification is a 404); the unsubscribe link works without logging
in and refuses a token that is not intact (400) for everyone alike."""

from tests.toegang.tabel import PERSONAS, Inhoud, Verwachting

INGELOGD = [p for p in PERSONAS if p != "anoniem"]


def iedereen(status: int, anoniem: int = 302) -> dict[str, int]:
    return {"anoniem": anoniem, **dict.fromkeys(INGELOGD, status)}


HUISHOUDENS = "Huishoudens zijn over de norm van 10 of 12 weken"
OORDEEL = "Het oordeel over een mijlpaal wordt slechter"

VERWACHTINGEN = [
    Verwachting(
        "meldingen",
        "/meldingen/",
        iedereen(200),
        inhoud={p: Inhoud(wel=("U heeft nog geen meldingen.",)) for p in INGELOGD},
    ),
    Verwachting(
        "meldingen_instellingen",
        "/meldingen/instellingen/",
        iedereen(200),
        # Household counts are not for a corporatie (it sees only its own offers' households).
        inhoud={
            "opgaveteam_a": Inhoud(wel=(OORDEEL, HUISHOUDENS)),
            "provincie_a": Inhoud(wel=(OORDEEL, HUISHOUDENS, "het weekoverzicht")),
            "corporatie_a": Inhoud(wel=(OORDEEL,), niet=(HUISHOUDENS,)),
            "corporatie_b": Inhoud(wel=(OORDEEL,), niet=(HUISHOUDENS,)),
        },
    ),
    # An empty form: every choice is required, Dutch messages, nothing saved.
    Verwachting("meldingen_instellingen", "/meldingen/instellingen/", iedereen(400), "POST"),
    Verwachting(
        "meldingen_teller",
        "/meldingen/teller/",
        iedereen(200),
        inhoud={p: Inhoud(wel=("Meldingen",)) for p in INGELOGD},
    ),
    Verwachting("melding_openen", "/meldingen/999999999/", iedereen(404)),
    Verwachting("meldingen_afmelden", "/meldingen/afmelden/ongeldig/", iedereen(400, 400)),
    Verwachting("meldingen_afmelden", "/meldingen/afmelden/ongeldig/", iedereen(400, 400), "POST"),
]
