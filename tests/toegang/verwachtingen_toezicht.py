"""IBT status and milestones of gemeente A: read by all who see A; changed only by the
provincie of A (Flevoland). The provincie elsewhere gets 404, read-only roles 403."""

from tests.toegang.tabel import PERSONAS, Verwachting, lezen

G = "/gemeenten/GM0034/"
ALLEEN_ANDERE_METHODE = {p: 405 for p in PERSONAS} | {"anoniem": 302}


def provincie(status_a: int) -> dict[str, int]:
    return lezen(
        provincie_a=status_a, opgaveteam_a=403, corporatie_a=403, taskforce_a=403, beheerder=403
    )


MIJLPAAL = G + "mijlpalen/2023-10-01/"  # the province's own deadline of seed 000

VERWACHTINGEN = [
    Verwachting("ibt", G + "ibt/", lezen()),
    Verwachting("ibt", G + "ibt/", provincie(200), methode="POST"),  # Dutch messages
    Verwachting("mijlpalen", G + "mijlpalen/", lezen()),
    Verwachting("mijlpalen", G + "mijlpalen/", provincie(200), methode="POST"),
    Verwachting("mijlpaal_wijzigen", MIJLPAAL, ALLEEN_ANDERE_METHODE),
    Verwachting("mijlpaal_wijzigen", MIJLPAAL, provincie(200), methode="POST"),
    Verwachting("mijlpaal_verwijderen", MIJLPAAL + "verwijderen/", ALLEEN_ANDERE_METHODE),
    Verwachting("mijlpaal_verwijderen", MIJLPAAL + "verwijderen/", provincie(200), methode="POST"),
]
