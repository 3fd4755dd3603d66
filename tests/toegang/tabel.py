"""The expected answer of every URL for every persona (issue 'Invoer' §1).

Each feature adds a module ``tests/toegang/verwachtingen_<onderdeel>.py`` with a list
``VERWACHTINGEN`` of ``Verwachting``; ``test_rollen_per_url`` merges them, walks every URL
of the project and fails when a URL has no row. Status codes follow the README: another
organisation's object 404, a read-only role changing something 403, anonymous 302 to log in.
"""

import importlib
import pkgutil
from dataclasses import dataclass, field

PERSONAS = [
    "anoniem",
    "opgaveteam_a",
    "opgaveteam_b",
    "corporatie_a",
    "corporatie_b",
    "provincie_a",
    "provincie_elders",
    "taskforce_a",
    "beheerder",
]


@dataclass(frozen=True)
class Verwachting:
    naam: str  # the URL name
    pad: str  # a concrete path for gemeente A (Almere) etc.
    antwoorden: dict[str, int]  # persona -> status; every persona must be present
    methode: str = "GET"
    data: dict = field(default_factory=dict)  # POST body (deliberately harmless or invalid)

    def __post_init__(self):
        ontbreekt = set(PERSONAS) - set(self.antwoorden)
        if ontbreekt:
            raise ValueError(f"{self.naam} {self.methode}: geen verwachting voor {ontbreekt}")


def lezen(**afwijkend: int) -> dict[str, int]:
    """A page about gemeente A that everyone who sees A may read (200), others 404."""
    basis = {
        "anoniem": 302,
        "opgaveteam_a": 200,
        "opgaveteam_b": 404,
        "corporatie_a": 200,
        "corporatie_b": 404,
        "provincie_a": 200,
        "provincie_elders": 404,
        "taskforce_a": 200,
        "beheerder": 200,
    }
    basis.update(afwijkend)
    return basis


def alle_verwachtingen() -> list[Verwachting]:
    import tests.toegang as pakket

    uitkomst: list[Verwachting] = []
    for module in pkgutil.iter_modules(pakket.__path__):
        if module.name.startswith("verwachtingen_"):
            uitkomst += importlib.import_module(f"tests.toegang.{module.name}").VERWACHTINGEN
    return uitkomst
