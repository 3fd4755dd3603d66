"""Plan pages of gemeente A (Almere, plan starting 2023-05-01): everyone who sees A reads them,
only A's opgaveteam changes them. POST bodies are empty: invalid or harmless."""

from tests.toegang.tabel import PERSONAS, Verwachting, lezen

P = "/gemeenten/GM0034/plan/"
PLAN = P + "2023-05-01/"
ALLEEN_POST = {p: 405 for p in PERSONAS} | {"anoniem": 302}  # method refused before lookup
ALLEEN_GET = ALLEEN_POST


def opgaveteam(status_a: int) -> dict[str, int]:
    """A change: A's opgaveteam gets ``status_a``; read-only roles 403; others 404."""
    return lezen(
        opgaveteam_a=status_a, corporatie_a=403, provincie_a=403, taskforce_a=403, beheerder=403
    )


VERWACHTINGEN = [
    Verwachting("plan", P, lezen()),
    Verwachting("plan", P, ALLEEN_GET, methode="POST"),
    Verwachting("plan_nieuw", P + "nieuw/", opgaveteam(200)),
    Verwachting("plan_nieuw", P + "nieuw/", opgaveteam(200), methode="POST"),  # form errors
    Verwachting("plan_tonen", PLAN, lezen()),
    # an empty grid post changes nothing: back to the plan
    Verwachting("plan_tonen", PLAN, opgaveteam(302), methode="POST"),
    Verwachting("plan_gegevens", PLAN + "gegevens/", ALLEEN_POST),
    Verwachting("plan_gegevens", PLAN + "gegevens/", opgaveteam(200), methode="POST"),
    Verwachting("plan_actie_toevoegen", PLAN + "acties/", ALLEEN_POST),
    Verwachting("plan_actie_toevoegen", PLAN + "acties/", opgaveteam(200), methode="POST"),
    Verwachting("plan_actie", PLAN + "acties/amv/", ALLEEN_POST),
    Verwachting("plan_actie", PLAN + "acties/amv/", opgaveteam(200), methode="POST"),
    Verwachting("plan_actie_verwijderen", PLAN + "acties/amv/verwijderen/", opgaveteam(200)),
    Verwachting(
        "plan_actie_verwijderen", PLAN + "acties/amv/verwijderen/", opgaveteam(200), methode="POST"
    ),
    Verwachting("plan_cel", PLAN + "acties/amv/2023-05/", ALLEEN_POST),
    # no version sent for a filled cell: shown as a conflict, nothing written
    Verwachting("plan_cel", PLAN + "acties/amv/2023-05/", opgaveteam(200), methode="POST"),
]
