from tests.toegang.tabel import Inhoud, Verwachting, lezen

ALLEN_INGELOGD = dict.fromkeys(
    [
        "opgaveteam_a",
        "opgaveteam_b",
        "corporatie_a",
        "corporatie_b",
        "provincie_a",
        "provincie_elders",
        "taskforce_a",
        "beheerder",
    ],
    200,
)

VERWACHTINGEN = [
    Verwachting("inloggen", "/inloggen/", {"anoniem": 200, **dict.fromkeys(ALLEN_INGELOGD, 302)}),
    # One organisation: straight to its own overview (302); the beheerder gets the list.
    Verwachting(
        "start", "/", {"anoniem": 302, **dict.fromkeys(ALLEN_INGELOGD, 302), "beheerder": 200}
    ),
    Verwachting(
        "uitloggen",
        "/uitloggen/",
        {"anoniem": 302, **dict.fromkeys(ALLEN_INGELOGD, 302)},
        methode="POST",
    ),
    Verwachting("gemeente", "/gemeenten/GM0034/", lezen()),
    # Every rule and term in plain Dutch (issue 11): for every logged-in role.
    Verwachting(
        "hulp",
        "/hulp/",
        {"anoniem": 302, **ALLEN_INGELOGD},
        inhoud={
            p: Inhoud(wel=("Afronden bij het tonen", "Huisvestingswet 2014, artikel 28"))
            for p in ALLEN_INGELOGD
        },
    ),
]
