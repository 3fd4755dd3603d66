"""Month entry, import/export and the audit trail (issue 'Invoer' §2, §6, §8).

Gemeente A is Almere; April 2023 is a demo month with figures. The POST bodies are invalid
on purpose: whoever may change gets the form back with a message (200), nothing is written.
"""

from tests.toegang.tabel import Verwachting, lezen

# Everyone who sees gemeente A may read; only its opgaveteam may change (403 for the others
# who see it, 404 for who does not).
WIJZIGEN = {
    "anoniem": 302,
    "opgaveteam_a": 200,
    "opgaveteam_b": 404,
    "corporatie_a": 403,
    "corporatie_b": 404,
    "provincie_a": 403,
    "provincie_elders": 404,
    "taskforce_a": 403,
    "beheerder": 403,
}

VERWACHTINGEN = [
    Verwachting(
        "realisatie_actueel",
        "/gemeenten/GM0034/realisatie/",
        lezen(opgaveteam_a=302, corporatie_a=302, provincie_a=302, taskforce_a=302, beheerder=302),
    ),
    Verwachting("realisatie", "/gemeenten/GM0034/realisatie/2023-04/", lezen()),
    Verwachting(
        "realisatie",
        "/gemeenten/GM0034/realisatie/2023-04/",
        WIJZIGEN,
        methode="POST",
        data={"r-amv-personen_gehuisvest": "drie", "reden": "rol-test"},
    ),
    Verwachting(
        "realisatie",
        "/gemeenten/GM0034/realisatie/2023-04/",
        WIJZIGEN,
        methode="POST",
        data={"actie": "voorbeeld", "r-amv-personen_gehuisvest": "3"},
    ),
    # A month that does not exist is not a page.
    Verwachting(
        "realisatie",
        "/gemeenten/GM0034/realisatie/2023-13/",
        {
            **lezen(),
            **dict.fromkeys(
                ["opgaveteam_a", "corporatie_a", "provincie_a", "taskforce_a", "beheerder"], 404
            ),
        },
    ),
    Verwachting("realisatie_import", "/gemeenten/GM0034/realisatie/import/", WIJZIGEN),
    Verwachting(
        "realisatie_import",
        "/gemeenten/GM0034/realisatie/import/",
        WIJZIGEN,
        methode="POST",
        data={},  # no file: "Kies een bestand"
    ),
    Verwachting(
        "realisatie_import_bevestigen",
        "/gemeenten/GM0034/realisatie/import/bevestigen/",
        WIJZIGEN | {"opgaveteam_a": 404},  # no preview with this token for this user
        methode="POST",
        data={"token": "onbekend"},
    ),
    Verwachting("realisatie_export", "/gemeenten/GM0034/realisatie/export.csv", lezen()),
    Verwachting("realisatie_export", "/gemeenten/GM0034/realisatie/export.xlsx", lezen()),
    Verwachting(
        "realisatie_sjabloon", "/gemeenten/GM0034/realisatie/sjabloon.csv?maand=2023-05", lezen()
    ),
    Verwachting("realisatie_sjabloon", "/gemeenten/GM0034/realisatie/sjabloon.xlsx", lezen()),
    Verwachting("wijzigingen", "/gemeenten/GM0034/wijzigingen/", lezen()),
    Verwachting("wijzigingen", "/gemeenten/GM0034/wijzigingen/?maand=2023-04", lezen()),
]
