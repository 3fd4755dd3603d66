"""Official figures (issue 15): the art. 29 proposal and the exchange ledger of a province.
Its own users and the beheerder read them; only the province changes (the beheerder 403);
everyone else 404."""

from tests.toegang.tabel import PERSONAS, Inhoud, Verwachting, lezen

INGELOGD = [p for p in PERSONAS if p != "anoniem"]


def provincie(**toegestaan: int) -> dict[str, int]:
    return {"anoniem": 302, **dict.fromkeys(INGELOGD, 404), **toegestaan}


LEZEN = provincie(provincie_a=200, beheerder=200)
WIJZIGEN = provincie(provincie_a=400, beheerder=403)  # an empty form: Dutch messages, no change

VERWACHTINGEN = [
    Verwachting("provincie_art29", "/provincies/flevoland/art29/?halfjaar=2024-H1", LEZEN),
    Verwachting(
        "provincie_art29", "/provincies/flevoland/art29/?halfjaar=2024-H1", WIJZIGEN, "POST"
    ),
    Verwachting("provincie_uitruil", "/provincies/flevoland/uitruil/", LEZEN),
    Verwachting("provincie_uitruil", "/provincies/flevoland/uitruil/", WIJZIGEN, "POST"),
]

# The reconciliation page and its API: everyone who sees gemeente A reads it.
VERWACHTINGEN += [
    Verwachting("afstemming", "/gemeenten/GM0034/afstemming/", lezen()),
    # Every reader sees the causes (April 2023: COA's overview of 30 April counts 3 fewer);
    # a corporatie compares with its own allocations only. The households behind a
    # difference, by key for the opgaveteam only: tests/rapportage/test_afstemming_huishoudens.py.
    Verwachting(
        "afstemming",
        "/gemeenten/GM0034/afstemming/?halfjaar=2023-H1",
        lezen(),
        inhoud={
            p: Inhoud(
                wel=("nog niet verwerkt door het COA",),
                niet=() if p == "corporatie_a" else ("alleen het aanbod van uw eigen",),
            )
            for p in ("opgaveteam_a", "provincie_a", "taskforce_a", "beheerder")
        }
        | {"corporatie_a": Inhoud(wel=("alleen het aanbod van uw eigen",))},
    ),
    Verwachting("api_afstemming", "/api/v1/gemeenten/GM0034/afstemming", lezen(anoniem=401)),
]
