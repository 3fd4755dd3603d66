"""Demo of the official figures (issue 15): CBS population (Almere and NL from CBS, the rest
illustratief), an illustratief national number for 2024-H1 (so the art. 29 proposal has
something to show) and an illustratief COA overview. Idempotent, through the same imports an
operator uses."""

from datetime import date
from pathlib import Path

from django.conf import settings

from taakstelling.officieel.models import LandelijkeTaakstelling
from taakstelling.officieel.referentie import laad_landelijk
from taakstelling.officieel.services import (
    BEVOLKING_KOLOMMEN,
    COA_KOLOMMEN,
    bevolking_importeren,
    coa_importeren,
)
from taakstelling.services.importeren import lees_bestand

MAP = Path(settings.BASE_DIR) / "fixtures" / "officieel"
CBS = "CBS, bevolking op 1 januari 2022 (StatLine)"


def _import(functie, naam: str, kolommen, omschrijving: str, **opties) -> None:
    pad = MAP / naam
    # Written as the rest of the demo: without a user and with the demo's reason, so the
    # meeting's change list leaves it out (rapportage.selectors.overleg.LAADREDENEN).
    from demo.laden import REDEN  # laden imports this module

    functie(
        regels=lees_bestand(naam, pad.read_bytes(), kolommen),
        door=None,
        bestandsnaam=naam,
        reden=f"{REDEN}: {omschrijving}",
        **opties,
    )


def laad() -> None:
    # The published national numbers (also loaded by migration 0010; a flush in the tests
    # removes migration data, as with the sources of realisation).
    laad_landelijk(LandelijkeTaakstelling)
    _import(
        bevolking_importeren,
        "bevolking_cbs_2022.csv",
        BEVOLKING_KOLOMMEN,
        "bevolking (CBS)",
        bron=CBS,
    )
    _import(
        bevolking_importeren,
        "bevolking_illustratief.csv",
        BEVOLKING_KOLOMMEN,
        "bevolking (illustratief)",
        bron="illustratief (demo)",
        illustratief=True,
    )
    _import(
        coa_importeren,
        "coa_overzicht_voorbeeld.csv",
        COA_KOLOMMEN,
        "COA-overzicht (illustratief)",
        illustratief=True,
    )
    if not LandelijkeTaakstelling.objects.filter(jaar=2024, helft=1).exists():
        rij = LandelijkeTaakstelling(
            jaar=2024,
            helft=1,
            geldig_vanaf=date(2023, 10, 1),
            aantal=20000,
            publicatie_titel="Voorbeeld: circulaire eerste helft 2024 (illustratief)",
            organisatie="illustratief (demo)",
            publicatie_datum=date(2023, 10, 1),
            toelichting="Verzonnen getal voor de demo van het voorstel art. 29.",
            illustratief=True,
        )
        from demo.laden import REDEN  # laden imports this module

        rij._change_reason = REDEN
        rij.save()
