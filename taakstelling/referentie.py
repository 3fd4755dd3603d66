"""Reference data: the sources of realisation and how they count (R4).

One definition, used by the data migration and by ``load_demo`` (which restores it after a
test flushed the tables). Counting is data, not code.
"""

BRONNEN = [
    # code, naam, gebruikt_woning, vereist_corporatie
    ("regulier", "Reguliere toewijzing door corporatie", True, True),
    ("flexwoning", "Flexwoning", True, False),
    ("aankoop", "Aankoop/transformatie vastgoed", True, False),
    ("andere_verhuurder", "Andere verhuurder", True, False),
    ("amv", "AMV (Nidos)", True, False),
    ("har", "HAR-instroom (tijdelijk verblijf)", False, False),
    ("har_uitplaatsing", "HAR-uitplaatsing naar een woning", True, False),
    ("doorstroomlocatie", "Doorstroomlocatie", True, False),
    ("kamerverhuur", "Kamerverhuur / gedeelde bewoning", True, False),
]

TOELICHTING = {
    "har": "Telt mee bij instroom in de HAR; het Rijk betaalt de eerste zes maanden.",
    "har_uitplaatsing": (
        "Gebruikt een woning maar telt 0 personen: al geteld bij instroom in de HAR "
        "(seed 000 r. 43: 98 gehuisvest, waarvan 20 uit de HAR; 78 tellen)."
    ),
}


def laad_bronnen(Bron, Telregel) -> None:
    for volgorde, (code, naam, woning, corporatie) in enumerate(BRONNEN, start=1):
        bron, _ = Bron.objects.get_or_create(
            code=code,
            defaults={
                "naam": naam,
                "gebruikt_woning": woning,
                "vereist_corporatie": corporatie,
                "volgorde": volgorde,
            },
        )
        if not Telregel.objects.filter(bron=bron, provincie=None).exists():
            Telregel.objects.create(
                bron=bron,
                provincie=None,
                geldig_vanaf="1900-01-01",
                telt_mee=code != "har_uitplaatsing",
                toelichting=TOELICHTING.get(code, ""),
            )
