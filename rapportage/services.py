from django.utils import timezone

from organisaties.models import Gemeente
from rapportage.peildatum import standaard_peildatum
from rapportage.stand import positie


def herberekenen(gemeente_id: int):
    """Recompute a gemeente's position; the forecast and its snapshot come with the prognose
    issue, which replaces this with the full recompute."""
    gemeente = Gemeente.objects.get(pk=gemeente_id)
    return positie(gemeente, standaard_peildatum(gemeente, timezone.localdate()))
