"""Published national numbers (landelijke taakstelling), each with the document it comes from.

Only figures found in a publication are here; every other half-year the beheerder adds in the
admin (Landelijke taakstellingen), with its source and a reason. See README "Officiële cijfers".
"""

from datetime import date

from django.utils import timezone

NIEUWS_2019 = {
    "publicatie_titel": "Taakstelling huisvesting vergunninghouders omlaag (nieuwsbericht)",
    "organisatie": "Rijksoverheid (Ministerie van Justitie en Veiligheid)",
    "publicatie_datum": date(2019, 3, 26),
    "link": "https://www.rijksoverheid.nl/actueel/nieuws/2019/03/26/"
    "taakstelling-huisvesting-vergunninghouders-omlaag",
}

# (jaar, helft, geldig_vanaf, aantal, bron, toelichting)
LANDELIJK = [
    (
        2019,
        1,
        date(2019, 1, 1),
        8000,
        NIEUWS_2019,
        "Het aantal vóór de verlaging, zoals het nieuwsbericht van 26 maart 2019 het noemt "
        "('verlaagd van 8.000 naar 6.000'); de datum van het oorspronkelijke besluit staat niet "
        "in die bron: hier het begin van het halfjaar.",
    ),
    (
        2019,
        1,
        date(2019, 3, 26),
        6000,
        NIEUWS_2019,
        "Verlaagd van 8.000 naar 6.000; het besluit is dezelfde dag in de Staatscourant "
        "gepubliceerd.",
    ),
    (
        2019,
        2,
        date(2019, 3, 26),
        6000,
        NIEUWS_2019,
        "'De taakstelling voor de tweede helft van dit jaar komt daarom eveneens uit op 6.000.'",
    ),
]

REDEN = "Gepubliceerde landelijke taakstelling, met bron"


def laad_landelijk(model, historie=None) -> None:
    """Idempotent: a row that is there (same half-year and date) is left alone. ``historie``:
    the history model, for a migration (there simple-history writes no rows itself)."""
    for jaar, helft, vanaf, aantal, bron, toelichting in LANDELIJK:
        if model.objects.filter(jaar=jaar, helft=helft, geldig_vanaf=vanaf).exists():
            continue
        rij = model(
            jaar=jaar,
            helft=helft,
            geldig_vanaf=vanaf,
            aantal=aantal,
            toelichting=toelichting,
            **bron,
        )
        rij._change_reason = REDEN
        rij.save()
        if historie is not None:
            velden = {f.attname: getattr(rij, f.attname) for f in model._meta.concrete_fields}
            historie.objects.create(
                **velden,
                history_date=timezone.now(),
                history_type="+",
                history_change_reason=REDEN,
            )
