from django import template

from kern import opmaak
from organisaties import selectors

register = template.Library()


@register.filter
def getal(x, decimalen=0):
    return opmaak.getal(x, int(decimalen))


@register.filter
def getal_teken(x, decimalen=0):
    return opmaak.getal(x, int(decimalen), teken=True)


@register.filter
def bezetting(x):
    return opmaak.bezetting(x)


@register.filter
def procent(x, decimalen=0):
    return opmaak.procent(x, int(decimalen))


@register.filter(expects_localtime=True)
def datum_nl(d):
    """An aware datetime arrives in local time (Amsterdam), as with |date and |time."""
    return opmaak.datum(d)


@register.filter
def maand_nl(m):
    return opmaak.maand(m)


@register.filter
def citaat(rij) -> str:
    """``{{ taakstelling|citaat }}``: its source as people cite it (organisaties.selectors)."""
    return selectors.bronvermelding(rij)
