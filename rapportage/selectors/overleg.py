"""What the meeting view and its pack read: the meetings of a gemeente, the forecast a
recorded meeting froze, and the changes of figures between two meetings."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time

from django.db.models import CharField, Q, Value
from django.utils import timezone

from organisaties.models import Gemeente
from prognose.rekenen.gegevens import Prognose, prognose_uit_dict
from rapportage.models import Overleg
from rapportage.selectors import wijzigingen as historie
from taakstelling.selectors import standaard_peildatum

# At most this many changes on the meeting page and in its pack (about one printed page);
# the count of the rest and a link to the change history page say where the others are.
MAX_WIJZIGINGEN = 15
# A bulk load writes its history rows without a user and with one of these reasons: the demo
# (demo/laden.py) and the synthetic country (demo/landelijk.py). They are not changes a
# meeting discusses (issue 11: 11 of 16 pages of the pack were the demo load).
LAADREDENEN = ("Demogegevens geladen", "Demo geladen", "Synthetische landelijke gegevens")


def _geen_lading() -> Q:
    lading = Q()
    for reden in LAADREDENEN:
        lading |= Q(history_change_reason__startswith=reden)
    return ~(Q(history_user__isnull=True) & lading)


def overleggen(gemeente: Gemeente) -> list[Overleg]:
    return list(Overleg.objects.filter(gemeente=gemeente).order_by("-datum"))


def peildatum_bij(gemeente: Gemeente, datum: date, overleg: Overleg | None) -> date:
    """The figures a meeting discusses: as recorded, else as they stood on its date."""
    return overleg.peildatum if overleg is not None else standaard_peildatum(gemeente, datum)


def prognose_bij(overleg: Overleg | None) -> Prognose | None:
    """The forecast frozen when the meeting was recorded."""
    if overleg is None:
        return None
    stand = getattr(overleg, "stand", None)
    return None if stand is None else prognose_uit_dict(stand.prognose)


@dataclass(frozen=True)
class Wijzigingen:
    regels: list[historie.Wijziging]
    aantal: int
    van: datetime | None
    tot: datetime

    @property
    def afgekapt(self) -> bool:
        return self.aantal > len(self.regels)


def _grens(d: date) -> datetime:
    """The end of a meeting day: what was changed that day was known at the meeting."""
    return timezone.make_aware(datetime.combine(d, time.max))


def wijzigingen_tussen(
    gemeente: Gemeente,
    user,
    van: date | None,
    tot: date,
    limiet: int = MAX_WIJZIGINGEN,
) -> Wijzigingen:
    """Every change of the gemeente's figures that ``user`` may see (a corporatie: not another
    corporatie's supply or expectations) after meeting day ``van`` up to and including
    meeting day ``tot`` (newest first), without the rows of a bulk load (demo, synthetic
    country), through the generic audit trail of
    ``rapportage.selectors.wijzigingen``: one UNION for the page and one for the count."""
    begin = _grens(van) if van is not None else None
    einde = _grens(tot)
    corporaties = historie.bereik(user, gemeente)
    delen = []
    for bron in historie.historiebronnen():
        qs = historie._basis(bron, gemeente, historie.Filter(), corporaties)
        if qs is None:
            continue
        qs = qs.filter(history_date__lte=einde).filter(_geen_lading())
        if begin is not None:
            qs = qs.filter(history_date__gt=begin)
        delen.append(
            qs.annotate(historiemodel=Value(bron.label, output_field=CharField()))
            .values("history_id", "history_date", "historiemodel")
            .order_by()
        )
    if not delen:
        return Wijzigingen([], 0, begin, einde)
    alles = delen[0].union(*delen[1:], all=True) if len(delen) > 1 else delen[0]
    aantal = alles.count()
    sleutels = list(alles.order_by("-history_date", "-history_id", "historiemodel")[:limiet])
    return Wijzigingen(historie._beschrijf(sleutels), aantal, begin, einde)
