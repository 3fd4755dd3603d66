"""Supply pages of corporatie A (Ymere): only its own users, and the beheerder read-only."""

from tests.toegang.tabel import PERSONAS, Inhoud, Verwachting

A = "/corporaties/ymere/aanbod/"
MAAND = A + "2023-04/"
ALLEEN_ANDERE_METHODE = {p: 405 for p in PERSONAS} | {"anoniem": 302}


def eigen(status_corporatie: int, beheerder: int) -> dict[str, int]:
    return {p: 404 for p in PERSONAS} | {
        "anoniem": 302,
        "corporatie_a": status_corporatie,
        "beheerder": beheerder,
    }


VERWACHTINGEN = [
    Verwachting("aanbod_actueel", A, eigen(302, 302)),
    Verwachting("aanbod_actueel", A, ALLEEN_ANDERE_METHODE, methode="POST"),
    Verwachting("aanbod", MAAND, eigen(200, 200)),
    Verwachting("aanbod", MAAND, ALLEEN_ANDERE_METHODE, methode="POST"),
    Verwachting("aanbod_gemeente", MAAND + "GM0034/", ALLEEN_ANDERE_METHODE),
    # empty body: Dutch messages at the fields, nothing written
    Verwachting("aanbod_gemeente", MAAND + "GM0034/", eigen(200, 403), methode="POST"),
    Verwachting("aanbod_verwijderen", MAAND + "GM0034/verwijderen/", ALLEEN_ANDERE_METHODE),
    Verwachting(
        "aanbod_verwijderen", MAAND + "GM0034/verwijderen/", eigen(200, 403), methode="POST"
    ),
    # Issue 14 §9: the expected supply with its split by household size; empty body: Dutch
    # messages at the fields, nothing written. The beheerder reads, never writes.
    Verwachting("aanbodverwachting", MAAND + "GM0034/verwachting/", ALLEEN_ANDERE_METHODE),
    Verwachting(
        "aanbodverwachting",
        MAAND + "GM0034/verwachting/",
        eigen(200, 403),
        methode="POST",
        inhoud={"corporatie_a": Inhoud(wel=("Er is niets opgeslagen",))},
    ),
]
