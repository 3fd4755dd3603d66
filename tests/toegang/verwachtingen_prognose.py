"""The forecast page: everyone who sees the gemeente reads it and may compute what-ifs (a GET
that saves nothing); saving or deleting a scenario is for the gemeente's opgaveteam only."""

from tests.toegang.tabel import Verwachting, lezen

WIJZIGEN = lezen(
    # Read-only roles that see Almere get 403; the opgaveteam gets the page back with a Dutch
    # message (the POST body is deliberately incomplete: no name, no version), status 200.
    corporatie_a=403,
    provincie_a=403,
    taskforce_a=403,
    beheerder=403,
)

VERWACHTINGEN = [
    Verwachting("prognose", "/gemeenten/GM0034/prognose/", lezen()),
    Verwachting(
        "prognose",
        "/gemeenten/GM0034/prognose/?bezetting=2,0&extra_prioritaire_toewijzing=2",
        lezen(),
    ),
    Verwachting(
        "prognose_scenario_opslaan",
        "/gemeenten/GM0034/prognose/scenarios/",
        WIJZIGEN,
        methode="POST",
    ),
    Verwachting(
        "prognose_scenario_verwijderen",
        "/gemeenten/GM0034/prognose/scenarios/intensief-bemiddelen/verwijderen/",
        WIJZIGEN,
        methode="POST",
    ),
]
