"""Filters of the dashboards: frame cells (a number, missing or pm) in Dutch formats."""

from django import template

from kern import opmaak
from prognose.rekenen.signalen import soortnaam
from rapportage.frames import PM

register = template.Library()


@register.filter
def cel(x, decimalen=0):
    """A frame cell: 1.234, '–' for missing (never 0), 'pm' for pro memorie."""
    if x == PM:
        return PM
    return opmaak.getal(x, int(decimalen))


@register.filter
def sleutel(rij, naam):
    return rij.get(naam) if hasattr(rij, "get") else None


@register.filter
def rijen(maandtabel):
    """The rows of a ``frames.Maandtabel`` with their unit and kind, for a template."""
    if maandtabel is None:
        return []
    f = maandtabel.frame
    return [
        {
            "label": label,
            "eenheid": maandtabel.eenheden[label],
            "soort": maandtabel.soort[label],
            "cellen": [
                {"waarde": w, "subtotaal": k in maandtabel.subtotalen}
                for k, w in zip(f.columns, f.loc[label], strict=True)
            ],
        }
        for label in f.index
    ]


@register.filter
def kolommen(maandtabel):
    if maandtabel is None:
        return []
    return [{"naam": k, "subtotaal": k in maandtabel.subtotalen} for k in maandtabel.frame.columns]


@register.filter
def signaalsoort(soort: str) -> str:
    """'plan_boven_capaciteit' -> 'Plan boven capaciteit' (page, PDF and exports alike)."""
    return soortnaam(soort)
