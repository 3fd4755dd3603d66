"""The household pipeline of gemeente A (issue 14): rows only for its opgaveteam, a
corporatie only the households offered its dwellings, the province, the taskforce and the
beheerder counts only. No household detail reaches a province or taskforce user."""

from django.conf import settings

from kern.huishoudens import pseudoniem
from tests.toegang.tabel import PERSONAS, Inhoud, Verwachting, lezen

A = "/gemeenten/GM0034/huishoudens/"
# Demo households (demo/huishoudens.py): 1 waits without an offer, 2 has an offer of Ymere.
EEN = pseudoniem("DEMO-ALMERE-0001", settings.HUISHOUDEN_SLEUTEL)[:12]
TWEE = pseudoniem("DEMO-ALMERE-0002", settings.HUISHOUDEN_SLEUTEL)[:12]
ALLEEN_GET = {p: 405 for p in PERSONAS} | {"anoniem": 302}
ALLEEN_POST = ALLEEN_GET


def wijzigen(opgaveteam: int) -> dict[str, int]:
    """Only the opgaveteam of A changes households; who sees A read-only gets 403."""
    return lezen(
        opgaveteam_a=opgaveteam,
        corporatie_a=403,
        provincie_a=403,
        taskforce_a=403,
        beheerder=403,
    )


def detail(**afwijkend: int) -> dict[str, int]:
    return {p: 404 for p in PERSONAS} | {"anoniem": 302, "opgaveteam_a": 200} | afwijkend


ALLEEN_TOTALEN = Inhoud(wel=("&lt;5",), niet=(EEN, TWEE))

VERWACHTINGEN = [
    Verwachting(
        "huishoudens",
        A,
        lezen(),
        inhoud={
            "opgaveteam_a": Inhoud(wel=(EEN, TWEE)),
            "corporatie_a": Inhoud(wel=(TWEE,), niet=(EEN,)),
            "provincie_a": ALLEEN_TOTALEN,
            "taskforce_a": ALLEEN_TOTALEN,
            "beheerder": ALLEEN_TOTALEN,
        },
    ),
    Verwachting("huishoudens", A, ALLEEN_GET, methode="POST"),
    Verwachting("huishouden_nieuw", A + "nieuw/", wijzigen(200)),
    # empty body: Dutch messages at the fields, nothing written
    Verwachting("huishouden_nieuw", A + "nieuw/", wijzigen(200), methode="POST"),
    Verwachting("huishoudens_invoerwijze", A + "invoerwijze/", ALLEEN_POST),
    Verwachting("huishoudens_invoerwijze", A + "invoerwijze/", wijzigen(302), methode="POST"),
    Verwachting("huishouden", A + EEN + "/", detail()),
    Verwachting("huishouden", A + TWEE + "/", detail(corporatie_a=200)),
    # no step named: "Onbekende stap", nothing changed
    Verwachting("huishouden", A + EEN + "/", detail(opgaveteam_a=302), methode="POST"),
    Verwachting(
        "huishouden", A + TWEE + "/", detail(opgaveteam_a=302, corporatie_a=302), methode="POST"
    ),
    Verwachting("huishouden", A + "0123456789ab/", detail(opgaveteam_a=404)),
]
