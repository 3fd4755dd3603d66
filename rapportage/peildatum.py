"""Which peildatum a page shows: the one asked for, else where the gemeente's data is."""

from datetime import date

from django.utils import timezone

from organisaties.models import Gemeente
from taakstelling.models import Maandrapportage
from taakstelling.perioden import Maand


def standaard_peildatum(gemeente: Gemeente, vandaag: date | None = None) -> date:
    """The day after the last entered month, never later than today.

    A gemeente that keeps its figures up to date sees today; the demo, whose figures stop in
    April 2023, opens on 1 May 2023 as seed 000 does.
    """
    vandaag = vandaag or timezone.localdate()
    laatste = (
        Maandrapportage.objects.filter(gemeente=gemeente, maand__lte=vandaag)
        .order_by("-maand")
        .values_list("maand", flat=True)
        .first()
    )
    if laatste is None:
        return vandaag
    return min(vandaag, Maand.van(laatste).plus(1).eerste_dag)


def lees_peildatum(tekst: str | None) -> tuple[date | None, str | None]:
    """Parse ?peildatum=JJJJ-MM-DD; returns (date, None) or (None, Dutch error)."""
    if not tekst:
        return None, None
    try:
        d = date.fromisoformat(tekst.strip())
    except ValueError:
        return None, f"'{tekst}' is geen datum; gebruik de vorm JJJJ-MM-DD."
    if not 2000 <= d.year <= 2100:
        return None, "Kies een peildatum tussen 2000 en 2100."
    return d, None
