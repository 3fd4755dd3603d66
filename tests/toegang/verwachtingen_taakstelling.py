"""Taakstelling page and AMV cohorts of gemeente A: read by all who see A, changed by A's
opgaveteam only. Empty POST bodies: Dutch messages, nothing written."""

from tests.toegang.tabel import PERSONAS, Verwachting, lezen

T = "/gemeenten/GM0034/taakstelling/"
ALLEEN_ANDERE_METHODE = {p: 405 for p in PERSONAS} | {"anoniem": 302}


def opgaveteam(status_a: int) -> dict[str, int]:
    return lezen(
        opgaveteam_a=status_a, corporatie_a=403, provincie_a=403, taskforce_a=403, beheerder=403
    )


# The demo has AMV cohorts (illustratief) but no revisions: a 404 for the revision key.
COHORT = T + "amv/2006-01/2022-06/"
BIJSTELLING = T + "2023-H2/bijstellingen/2023-06-01/verwijderen/"

VERWACHTINGEN = [
    Verwachting("taakstelling", T, lezen()),
    Verwachting("taakstelling", T, ALLEEN_ANDERE_METHODE, methode="POST"),
    Verwachting("taakstelling_toevoegen", T + "nieuw/", ALLEEN_ANDERE_METHODE),
    Verwachting("taakstelling_toevoegen", T + "nieuw/", opgaveteam(200), methode="POST"),
    Verwachting("openingssaldo", T + "openingssaldo/", ALLEEN_ANDERE_METHODE),
    Verwachting("openingssaldo", T + "openingssaldo/", opgaveteam(200), methode="POST"),
    Verwachting("taakstelling_wijzigen", T + "2023-H1/", ALLEEN_ANDERE_METHODE),
    Verwachting("taakstelling_wijzigen", T + "2023-H1/", opgaveteam(200), methode="POST"),
    Verwachting("taakstelling_verwijderen", T + "2023-H1/verwijderen/", ALLEEN_ANDERE_METHODE),
    Verwachting(
        "taakstelling_verwijderen", T + "2023-H1/verwijderen/", opgaveteam(200), methode="POST"
    ),
    Verwachting("bijstelling_toevoegen", T + "2023-H2/bijstellingen/", ALLEEN_ANDERE_METHODE),
    Verwachting(
        "bijstelling_toevoegen", T + "2023-H2/bijstellingen/", opgaveteam(200), methode="POST"
    ),
    Verwachting("bijstelling_verwijderen", BIJSTELLING, ALLEEN_ANDERE_METHODE),
    Verwachting("bijstelling_verwijderen", BIJSTELLING, opgaveteam(404), methode="POST"),
    Verwachting("taakstelling_amv", T + "amv/", lezen()),
    Verwachting("taakstelling_amv", T + "amv/", opgaveteam(200), methode="POST"),
    Verwachting("amv_cohort", COHORT, ALLEEN_ANDERE_METHODE),
    Verwachting("amv_cohort", COHORT, opgaveteam(200), methode="POST"),
    Verwachting("amv_cohort_verwijderen", COHORT + "verwijderen/", ALLEEN_ANDERE_METHODE),
    Verwachting("amv_cohort_verwijderen", COHORT + "verwijderen/", opgaveteam(200), methode="POST"),
]
