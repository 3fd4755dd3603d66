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
class Inhoud:
    """What a persona's answer must (``wel``) and must not (``niet``) contain: a status 200 is
    not enough when a page shows rows of several organisations. A ``wel`` for the persona, and
    the same text in another persona's ``wel``, show the ``niet`` can fail on the demo data."""

    wel: tuple[str, ...] = ()
    niet: tuple[str, ...] = ()


@dataclass(frozen=True)
class Verwachting:
    naam: str  # the URL name
    pad: str  # a concrete path for gemeente A (Almere) etc.
    antwoorden: dict[str, int]  # persona -> status; every persona must be present
    methode: str = "GET"
    data: dict = field(default_factory=dict)  # POST body (deliberately harmless or invalid)
    inhoud: dict[str, Inhoud] = field(default_factory=dict)  # persona -> text of the answer

    def __post_init__(self):
        ontbreekt = set(PERSONAS) - set(self.antwoorden)
        if ontbreekt:
            raise ValueError(f"{self.naam} {self.methode}: geen verwachting voor {ontbreekt}")
        if set(self.inhoud) - set(PERSONAS):
            raise ValueError(f"{self.naam}: inhoud voor onbekende persona's")


def tekst_van(antwoord) -> str:
    """The text of an answer: a page, a CSV, or every cell of every sheet of an Excel file."""
    soort = antwoord.get("Content-Type", "")
    if "spreadsheetml" in soort:
        from io import BytesIO

        from openpyxl import load_workbook

        werkmap = load_workbook(BytesIO(antwoord.content), read_only=True)
        return "\n".join(
            " ".join(str(c) for c in rij if c is not None)
            for blad in werkmap.worksheets
            for rij in blad.iter_rows(values_only=True)
        )
    if soort.startswith(("text/", "application/json")):
        return antwoord.content.decode("utf-8-sig")
    raise ValueError(f"Inhoud van {soort!r} is niet als tekst te lezen")


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
