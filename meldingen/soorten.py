"""Kinds of events and the defaults per role (README "Meldingen en e-mail").

Without an ``Abonnement`` row the default of the user's roles holds; a user with several roles
gets the most of them (direct before the periodic overview before off). The overview is weekly
for a user of a province, monthly for everyone else (the opgaveteam).
"""

from dataclasses import dataclass

from django.conf import settings

from meldingen.models import Abonnement, Soort, Wijze
from organisaties import toegang
from organisaties.models import Rol

D, OV, U = Wijze.DIRECT, Wijze.OVERZICHT, Wijze.UIT

STANDAARD: dict[str, dict[str, str]] = {
    Rol.OPGAVETEAM: {
        Soort.OORDEEL_SLECHTER: D,
        Soort.OORDEEL_BETER: OV,
        Soort.KANS_ONDER_DREMPEL: D,
        Soort.MAAND_ONTBREEKT: D,
        Soort.HUISHOUDEN_NORM: D,
        Soort.TAAKSTELLING_BIJGESTELD: D,
        Soort.AMV_21: D,
        Soort.HAR_ZES_MAANDEN: D,
        Soort.PLAFOND_VH: D,
        Soort.COA_VERSCHIL: D,
    },
    Rol.PROVINCIE: {
        Soort.OORDEEL_SLECHTER: OV,
        Soort.OORDEEL_BETER: OV,
        Soort.KANS_ONDER_DREMPEL: U,
        Soort.MAAND_ONTBREEKT: OV,
        Soort.HUISHOUDEN_NORM: OV,
        Soort.TAAKSTELLING_BIJGESTELD: OV,
        Soort.AMV_21: OV,
        Soort.HAR_ZES_MAANDEN: OV,
        Soort.PLAFOND_VH: OV,
        Soort.COA_VERSCHIL: OV,
    },
    Rol.TASKFORCE: {
        Soort.OORDEEL_SLECHTER: D,
        Soort.TAAKSTELLING_BIJGESTELD: D,
    },
    # A corporatie hears directly when its own share to VH passed the cap (never another
    # corporatie's, ``services.plafond_controleren``); everything else, like the beheerder,
    # only when it chooses so.
    Rol.CORPORATIE: {
        Soort.PLAFOND_VH: D,
    },
}

_RANG = {U: 0, OV: 1, D: 2}

# Households past the norm are counted per gemeente, never per household: the corporatie only
# sees the households offered its own dwellings, so the counts are not for it.
NIET_VOOR: dict[str, frozenset[str]] = {
    Soort.HUISHOUDEN_NORM: frozenset({Rol.CORPORATIE}),
}


@dataclass(frozen=True)
class Keuze:
    soort: str
    wijze: str
    kansdrempel: int
    eigen: bool  # the user chose it (an Abonnement row), else the role's default

    @property
    def label(self) -> str:
        return Soort(self.soort).label


def standaard(rollen: list[str], soort: str) -> str:
    wijze = U
    for rol in rollen:
        w = STANDAARD.get(rol, {}).get(soort, U)
        if _RANG[w] > _RANG[wijze]:
            wijze = w
    return wijze


def toegestaan(rollen: list[str], soort: str) -> bool:
    """A kind is open to a user with at least one role it is meant for."""
    verboden = NIET_VOOR.get(soort, frozenset())
    return any(r not in verboden for r in rollen)


def keuzes(user) -> dict[str, Keuze]:
    """The user's subscription per kind: their own choice or the default of their roles."""
    rollen = toegang.rollen(user)
    eigen = {a.soort: a for a in Abonnement.objects.filter(user=user)}
    uitkomst = {}
    for soort in Soort.values:
        if not toegestaan(rollen, soort):
            uitkomst[soort] = Keuze(soort, U, settings.MELDINGEN_KANSDREMPEL, False)
            continue
        a = eigen.get(soort)
        uitkomst[soort] = Keuze(
            soort,
            a.wijze if a else standaard(rollen, soort),
            (a.kansdrempel if a and a.kansdrempel else settings.MELDINGEN_KANSDREMPEL),
            a is not None,
        )
    return uitkomst


def ritme(user) -> str:
    """'week' for a user of a province, else 'maand'."""
    return "week" if toegang.toegang(user).provincies else "maand"
