"""Sources as people cite them: a document (title, organisation, date) and a paragraph.

The demo's figures come from two documents. Earlier versions stored their source as an
internal file name and line numbers ("seed 000 r. 78"); ``uit_oude_verwijzing`` turns such a
text into the document and its paragraph, for the migration that converts stored rows. Pure
Python: no Django import, so migrations and the demo share it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class Document:
    code: str
    titel: str
    organisatie: str
    datum: date


PVA_ALMERE = Document(
    "pva-almere-2023",
    "Plan van aanpak huisvesting vergunninghouders Almere",
    "gemeente Almere",
    date(2023, 6, 2),
)
ADDENDUM_STEENWIJKERLAND = Document(
    "addendum-prestatieafspraken-steenwijkerland-2024",
    "Addendum Prestatieafspraken Steenwijkerland 2023-2027",
    "gemeente Steenwijkerland, Woonconcept, Wetland Wonen, De Veste en Zwartewaterwiede",
    date(2024, 7, 12),
)
DOCUMENTEN = (PVA_ALMERE, ADDENDUM_STEENWIJKERLAND)

# Line ranges of the paragraphs of each document (the text as transcribed for the demo).
_PARAGRAFEN = {
    PVA_ALMERE.code: [
        (1, "§1"),  # Inleiding, with the quota and realisation so far
        (65, "§2"),  # Doel, uitgangspunten en aanpak
        (96, "§3"),  # Concrete acties en beoogd resultaat
        (151, "§4"),  # Samenwerking, monitoren en sturen
    ],
    ADDENDUM_STEENWIJKERLAND.code: [
        (1, "inleiding"),
        (29, "afspraken a tot en met i"),
        (31, "afspraak a"),
        (32, "afspraak b"),
        (33, "afspraak c"),
        (34, "afspraak d"),
        (36, "afspraak e"),
        (37, "afspraak f"),
        (38, "afspraak g"),
        (39, "afspraak h"),
        (45, "afspraak i"),
        (49, "ondertekening"),
    ],
}
_SEEDS = {"000": PVA_ALMERE, "002": ADDENDUM_STEENWIJKERLAND}
_SEED = re.compile(r"seed (\d{3})", re.IGNORECASE)
_REGEL = re.compile(r"(?:\br\.|\bL)\s?(\d+)")
_PARAGRAAF = re.compile(r"§\s?(\d+)")
_VOETNOOT = re.compile(r"voetnoot (\d+)")
_HAAKJES_MET_REGELS = re.compile(r"\s*\((?:[^()]*?\b(?:r\.|L)\s?\d+[^()]*)\)")


def citaat(titel: str, organisatie: str, datum: str, paragraaf: str = "") -> str:
    """'Plan van aanpak ..., gemeente Almere, 2 juni 2023, §1' (``datum`` already in words)."""
    return ", ".join(d for d in (titel, organisatie, datum, paragraaf) if d)


def paragraaf_van(document: Document, regel: int) -> str:
    gevonden = ""
    for begin, naam in _PARAGRAFEN[document.code]:
        if regel >= begin:
            gevonden = naam
    return gevonden


@dataclass(frozen=True)
class Verwijzing:
    document: Document
    paragraaf: str
    toelichting: str  # what remains of the old text, without file name or line numbers


# The texts earlier versions of the demo stored, each with its paragraph and a Dutch note (some
# were English notes of the transcription).
_BEKEND = {
    "seed 000 r. 36: achterstand 2022": ("§1", "achterstand 2022"),
    "seed 000: province deadline 1 Oct 2023 (L14)": (
        "§1",
        "eerste helft 2023; termijn van de provincie: 1 oktober 2023",
    ),
    "seed 000: H2 quota was raised ('verhoging', L33); deadline 31 Dec 2023 (L15)": (
        "§1",
        "tweede helft 2023, in de loop van het jaar verhoogd; termijn van de provincie: "
        "31 december 2023",
    ),
    "seed 000 r. 14-15": ("§1", "termijnen van de provincie Flevoland"),
    "seed 000 r. 11": ("§1", ""),
    "totaal ca. 90 per maand uit seed 000 r. 61; verdeling illustratief": (
        "§1",
        "totaal ca. 90 per maand; verdeling over de corporaties illustratief",
    ),
    "seed 000 r. 78": ("§2", ""),
    "seed 000 r. 72": ("§2", ""),
    "seed 000 §3 (r. 98-147)": ("§3", ""),
    "seed 000 voetnoot 3 (naam); parameters illustratief": (
        "§2, voetnoot 3",
        "naam uit het plan; parameters illustratief",
    ),
    "achterstand 2023 (seed 002 r. 17-19 noemt die; het aantal is illustratief)": (
        "inleiding",
        "het document noemt de achterstand over 2023; het aantal is illustratief",
    ),
    "seed 002: meerjarige prestatieafspraken 2023-2027 (L3, L17)": (
        "inleiding",
        "10% volgens de meerjarige prestatieafspraken 2023-2027",
    ),
    "seed 002: addendum signed 12 Jul 2024; valid until 1 Jan 2025 (L9, L31, L51)": (
        "afspraak a",
        "geldt tot 1 januari 2025",
    ),
    "maatregelen a-f uit seed 002 r. 31-37; aantallen illustratief": (
        "afspraken a tot en met f",
        "aantallen illustratief",
    ),
}


def uit_oude_verwijzing(tekst: str) -> Verwijzing | None:
    """'seed 000 r. 78' -> (Plan van aanpak Almere, '§2', ''); None if no document is named."""
    m = _SEED.search(tekst or "")
    if m is not None and m.group(1) in _SEEDS and tekst in _BEKEND:
        return Verwijzing(_SEEDS[m.group(1)], *_BEKEND[tekst])
    if m is None or m.group(1) not in _SEEDS:
        return None
    document = _SEEDS[m.group(1)]
    paragraaf = ""
    if p := _PARAGRAAF.search(tekst):
        paragraaf = f"§{p.group(1)}"
    elif r := _REGEL.search(tekst):
        paragraaf = paragraaf_van(document, int(r.group(1)))
    if v := _VOETNOOT.search(tekst):
        paragraaf = ", ".join(d for d in (paragraaf or "§2", f"voetnoot {v.group(1)}") if d)
    rest = _HAAKJES_MET_REGELS.sub("", tekst)
    rest = _SEED.sub("", rest)
    rest = _VOETNOOT.sub("", rest)
    rest = _PARAGRAAF.sub("", rest)
    rest = re.sub(
        r"\b(?:uit\s+)?(?:r\.|L)\s?\d+(?:-\d+)?(?:,\s*(?:r\.|L)?\s?\d+(?:-\d+)?)*", "", rest
    )
    rest = re.sub(r"\(\s*[;,]?\s*\)|\(\s*\)", "", rest)
    rest = re.sub(r"\s+([;,:.])", r"\1", rest)
    rest = re.sub(r"^[\s:;,.]+|[\s:;,]+$", "", re.sub(r"\s{2,}", " ", rest))
    return Verwijzing(document, paragraaf, rest)
