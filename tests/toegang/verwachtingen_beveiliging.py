"""Security, health and two-factor URLs (issue 'Schaal en betrouwbaarheid').

Tests run without required two-factor (config/settings/test.py) and the personas have no
device: set-up is open to every logged-in user, the second step and the backup codes send
them to set-up first (302). tests/organisaties/beveiliging covers the flows with two-factor
required.
"""

from tests.toegang.tabel import PERSONAS, Verwachting

INGELOGD = [p for p in PERSONAS if p != "anoniem"]


def _iedereen(status: int) -> dict[str, int]:
    return dict.fromkeys(PERSONAS, status)


def _ingelogd(status: int) -> dict[str, int]:
    return {"anoniem": 302, **dict.fromkeys(INGELOGD, status)}


VERWACHTINGEN = [
    # Open to anyone: load balancers and security researchers do not log in.
    Verwachting("gezondheid", "/gezondheid/", _iedereen(200)),
    Verwachting("security_txt", "/.well-known/security.txt", _iedereen(200)),
    Verwachting("tweestaps", "/tweestaps/", _ingelogd(200)),
    Verwachting("tweestaps_instellen", "/tweestaps/instellen/", _ingelogd(200)),
    # A wrong code changes nothing and shows the form again with a message.
    Verwachting(
        "tweestaps_instellen",
        "/tweestaps/instellen/",
        _ingelogd(200),
        methode="POST",
        data={"code": "geen-code"},
    ),
    Verwachting("tweestaps_controleren", "/tweestaps/controleren/", _ingelogd(302)),
    Verwachting(
        "tweestaps_controleren",
        "/tweestaps/controleren/",
        _ingelogd(302),
        methode="POST",
        data={"code": "geen-code"},
    ),
    Verwachting("tweestaps_reservecodes", "/tweestaps/reservecodes/", _ingelogd(302)),
    Verwachting(
        "tweestaps_reservecodes", "/tweestaps/reservecodes/", _ingelogd(302), methode="POST"
    ),
]
