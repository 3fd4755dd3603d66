"""The one place that decides, on the server, who may see and change what (the roles in README.md).

Views, exports, the API and commands ask here; templates only mirror the answers.
Another organisation's object is a 404 (its existence is not revealed); a read-only role
that tries to change something gets a 403.
"""

from dataclasses import dataclass, field
from enum import StrEnum

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404

from organisaties import selectors
from organisaties.models import Corporatie, Gemeente, Provincie, Rol, User


class Handeling(StrEnum):
    """Changes the product knows; each belongs to exactly one role."""

    REALISATIE_WIJZIGEN = "realisatie_wijzigen"
    KOPPELINGEN_WIJZIGEN = "koppelingen_wijzigen"
    PLAN_WIJZIGEN = "plan_wijzigen"
    TAAKSTELLING_WIJZIGEN = "taakstelling_wijzigen"
    SCENARIO_WIJZIGEN = "scenario_wijzigen"
    OVERLEG_VASTLEGGEN = "overleg_vastleggen"
    IBT_WIJZIGEN = "ibt_wijzigen"
    MIJLPAAL_WIJZIGEN = "mijlpaal_wijzigen"
    AANBOD_WIJZIGEN = "aanbod_wijzigen"
    # Issue 15: apply art. 29 to the province's gemeenten, record an exchange (art. 29 lid 2).
    TAAKSTELLING_VERDELEN = "taakstelling_verdelen"
    HUISHOUDENS_WIJZIGEN = "huishoudens_wijzigen"


_OPGAVETEAM = {
    Handeling.REALISATIE_WIJZIGEN,
    Handeling.KOPPELINGEN_WIJZIGEN,
    Handeling.PLAN_WIJZIGEN,
    Handeling.TAAKSTELLING_WIJZIGEN,
    Handeling.SCENARIO_WIJZIGEN,
    Handeling.OVERLEG_VASTLEGGEN,
    Handeling.HUISHOUDENS_WIJZIGEN,
}
_PROVINCIE = {
    Handeling.IBT_WIJZIGEN,
    Handeling.MIJLPAAL_WIJZIGEN,
    Handeling.TAAKSTELLING_VERDELEN,
}


@dataclass(frozen=True)
class Toegang:
    beheerder: bool = False
    opgaveteam: frozenset[int] = frozenset()  # gemeente ids
    taskforce: frozenset[int] = frozenset()  # gemeente ids
    corporaties: frozenset[int] = frozenset()
    provincies: frozenset[int] = frozenset()
    # For the main menu, read in the same query: (naam, slug or cbs code) of the user's
    # provinces, corporaties and gemeenten (opgaveteam, taskforce), by name.
    menu_provincies: tuple[tuple[str, str], ...] = field(default=(), compare=False)
    menu_corporaties: tuple[tuple[str, str], ...] = field(default=(), compare=False)
    menu_gemeenten: tuple[tuple[str, str], ...] = field(default=(), compare=False)

    @property
    def leeg(self) -> bool:
        return not (
            self.beheerder
            or self.opgaveteam
            or self.taskforce
            or self.corporaties
            or self.provincies
        )


def toegang(user) -> Toegang:
    """Memberships of the user, read once per request (cached on the user object)."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return Toegang()
    cached = getattr(user, "_toegang_cache", None)
    if cached is not None:
        return cached
    rijen = list(
        user.lidmaatschappen.values_list(
            "rol",
            "gemeente_id",
            "corporatie_id",
            "provincie_id",
            "gemeente__naam",
            "gemeente__cbs_code",
            "corporatie__naam",
            "corporatie__slug",
            "provincie__naam",
            "provincie__slug",
        )
    )
    rows = [r[:4] for r in rijen]

    def namen(naam: int, sleutel: int, *rollen_) -> tuple[tuple[str, str], ...]:
        return tuple(sorted({(r[naam], r[sleutel]) for r in rijen if r[0] in rollen_ and r[naam]}))

    result = Toegang(
        beheerder=user.is_superuser or any(r[0] == Rol.BEHEERDER for r in rows),
        opgaveteam=frozenset(g for rol, g, _, _ in rows if rol == Rol.OPGAVETEAM),
        taskforce=frozenset(g for rol, g, _, _ in rows if rol == Rol.TASKFORCE),
        corporaties=frozenset(c for rol, _, c, _ in rows if rol == Rol.CORPORATIE),
        provincies=frozenset(p for rol, _, _, p in rows if rol == Rol.PROVINCIE),
        menu_provincies=namen(8, 9, Rol.PROVINCIE),
        menu_corporaties=namen(6, 7, Rol.CORPORATIE),
        menu_gemeenten=namen(4, 5, Rol.OPGAVETEAM, Rol.TASKFORCE),
    )
    user._toegang_cache = result
    return result


def _gemeente_filter(t: Toegang) -> Q:
    if t.beheerder:
        return Q()
    q = Q(pk__in=[])
    if t.opgaveteam or t.taskforce:
        q |= Q(pk__in=t.opgaveteam | t.taskforce)
    if t.corporaties:
        q |= Q(pk__in=selectors.gemeente_ids_van(t.corporaties))
    if t.provincies:
        q |= Q(provincie_id__in=t.provincies)
    return q


def zichtbare_gemeenten(user) -> QuerySet[Gemeente]:
    t = toegang(user)
    if t.leeg:
        return Gemeente.objects.none()
    return Gemeente.objects.filter(_gemeente_filter(t)).select_related("provincie")


def gebruikers_die_zien(gemeente: Gemeente) -> QuerySet[User]:
    """The active users who may see this gemeente: the mirror of ``zichtbare_gemeenten`` (the
    same memberships, read the other way round), for the notifications (meldingen/) that
    reach everyone who may see a gemeente and nobody else. One query."""
    corporaties = selectors.corporatie_ids_in(gemeente)
    lid = (
        Q(lidmaatschappen__rol=Rol.BEHEERDER)
        | Q(
            lidmaatschappen__rol__in=[Rol.OPGAVETEAM, Rol.TASKFORCE],
            lidmaatschappen__gemeente=gemeente,
        )
        | Q(lidmaatschappen__rol=Rol.CORPORATIE, lidmaatschappen__corporatie_id__in=corporaties)
        | Q(lidmaatschappen__rol=Rol.PROVINCIE, lidmaatschappen__provincie_id=gemeente.provincie_id)
    )
    return User.objects.filter(Q(is_superuser=True) | lid, is_active=True).distinct()


def zichtbare_gemeenten_op_naam(user) -> list[Gemeente]:
    """``zichtbare_gemeenten`` by name, read (one query)."""
    return list(zichtbare_gemeenten(user).order_by("naam"))


def gemeente_of_404(user, cbs_code: str) -> Gemeente:
    gemeente = zichtbare_gemeenten(user).filter(cbs_code=cbs_code.upper()).first()
    if gemeente is None:
        raise Http404("Deze gemeente bestaat niet of u heeft er geen toegang toe.")
    return gemeente


def zichtbare_provincies(user) -> QuerySet[Provincie]:
    t = toegang(user)
    if t.beheerder:
        return Provincie.objects.all()
    return Provincie.objects.filter(pk__in=t.provincies)


def provincie_of_404(user, slug: str) -> Provincie:
    provincie = zichtbare_provincies(user).filter(slug=slug).first()
    if provincie is None:
        raise Http404("Deze provincie bestaat niet of u heeft er geen toegang toe.")
    return provincie


def zichtbare_corporaties(user) -> QuerySet[Corporatie]:
    """The supply pages of a corporatie are its own: only its members (and the beheerder)."""
    t = toegang(user)
    if t.beheerder:
        return Corporatie.objects.all()
    return Corporatie.objects.filter(pk__in=t.corporaties)


def corporatie_of_404(user, slug: str) -> Corporatie:
    corporatie = zichtbare_corporaties(user).filter(slug=slug).first()
    if corporatie is None:
        raise Http404("Deze corporatie bestaat niet of u heeft er geen toegang toe.")
    return corporatie


def mag(
    user,
    handeling: Handeling,
    *,
    gemeente: Gemeente | None = None,
    corporatie: Corporatie | None = None,
) -> bool:
    """May this user make this change here? The beheerder changes figures only via admin."""
    t = toegang(user)
    if handeling in _OPGAVETEAM:
        return gemeente is not None and gemeente.pk in t.opgaveteam
    if handeling in _PROVINCIE:
        return gemeente is not None and gemeente.provincie_id in t.provincies
    if handeling == Handeling.AANBOD_WIJZIGEN:
        # A supply row belongs to one corporatie and one gemeente it works in: both needed.
        if gemeente is None or corporatie is None or corporatie.pk not in t.corporaties:
            return False
        return selectors.werkt_in(corporatie.pk, gemeente.pk)
    raise ValueError(f"Onbekende handeling {handeling!r}")


def mag_aanbod_invullen(user, corporatie: Corporatie) -> bool:
    """Does the supply page of this corporatie show entry forms (one per gemeente it works
    in)? Only for its own members; every save still asks ``mag(AANBOD_WIJZIGEN, ...)``."""
    return corporatie.pk in toegang(user).corporaties


# Models whose rows belong to one corporatie (its supply: vrijkomende woningen and their
# allocation, and the supply it expects where no figures exist yet). A corporatie sees the
# dashboards and figures of the gemeenten it works in, including the realisation through
# other corporaties (regulier): those are the gemeente's figures. Another corporatie's own
# supply rows and expectations, their audit trail and the flags about them, it does not see.
EIGEN_RIJEN_VAN_CORPORATIE = frozenset({"bemiddeling.aanbod", "bemiddeling.aanbodverwachting"})


def zichtbare_aanbod_corporaties(user, gemeente: Gemeente) -> frozenset[int] | None:
    """Whose supply rows of this gemeente the user sees: None for every corporatie's
    (opgaveteam, taskforce, provincie, beheerder), else only the user's own corporaties."""
    t = toegang(user)
    if (
        t.beheerder
        or gemeente.pk in (t.opgaveteam | t.taskforce)
        or gemeente.provincie_id in t.provincies
    ):
        return None
    return t.corporaties


class Huishoudeninzicht(StrEnum):
    """How much of a gemeente's households a user sees (issue 14, AVG)."""

    VOLLEDIG = "volledig"  # the opgaveteam of the gemeente: every household, no identity
    CORPORATIE = "corporatie"  # only households offered one of its dwellings: size, needs, dates
    TOTALEN = "totalen"  # provincie, taskforce, beheerder: counts only, below 5 as "<5"


def huishoudeninzicht(user, gemeente: Gemeente) -> Huishoudeninzicht:
    """For a gemeente the user may see (``gemeente_of_404`` first)."""
    t = toegang(user)
    if gemeente.pk in t.opgaveteam:
        return Huishoudeninzicht.VOLLEDIG
    if t.corporaties and not (
        t.beheerder or gemeente.pk in t.taskforce or gemeente.provincie_id in t.provincies
    ):
        return Huishoudeninzicht.CORPORATIE
    return Huishoudeninzicht.TOTALEN


def vereis(user, handeling: Handeling, **objecten) -> None:
    if not mag(user, handeling, **objecten):
        raise PermissionDenied("U mag dit niet wijzigen.")


def rollen(user) -> list[str]:
    t = toegang(user)
    namen = []
    if t.beheerder:
        namen.append(Rol.BEHEERDER)
    if t.opgaveteam:
        namen.append(Rol.OPGAVETEAM)
    if t.corporaties:
        namen.append(Rol.CORPORATIE)
    if t.provincies:
        namen.append(Rol.PROVINCIE)
    if t.taskforce:
        namen.append(Rol.TASKFORCE)
    return namen


def bestemmingen(user) -> list[tuple[str, str]]:
    """(label, url) of every overview this user has, own organisation first."""
    from django.urls import NoReverseMatch, reverse

    def url(naam: str, *args) -> str | None:
        try:
            return reverse(naam, args=args)
        except NoReverseMatch:  # a page that a later release adds
            return None

    t = toegang(user)
    uitkomst: list[tuple[str, str | None]] = []
    for p in zichtbare_provincies(user) if t.provincies else []:
        uitkomst.append((f"IBT-dashboard {p.naam}", url("provincie", p.slug)))
    for c in Corporatie.objects.filter(pk__in=t.corporaties):
        uitkomst.append((f"Aanbod {c.naam}", url("aanbod_actueel", c.slug)))
    if t.beheerder or t.provincies or t.corporaties or len(t.opgaveteam | t.taskforce) != 1:
        gemeenten = zichtbare_gemeenten(user)
    else:
        gemeenten = Gemeente.objects.filter(pk__in=t.opgaveteam | t.taskforce)
    for g in gemeenten.order_by("naam"):
        uitkomst.append((f"Gemeente {g.naam}", url("gemeente", g.cbs_code)))
    return [(label, u) for label, u in uitkomst if u]


def _url(naam: str, *args) -> str | None:
    from django.urls import NoReverseMatch, reverse

    try:
        return reverse(naam, args=args)
    except NoReverseMatch:  # a page that a later release adds
        return None


def overzicht(user) -> list[tuple[str, list[tuple[str, str]]]]:
    """The start page, grouped by area: (heading, [(label, url)]) for every area this user
    may open (the beheerder: every gemeente, every province's IBT dashboard, every
    corporatie's supply, and the admin)."""
    t = toegang(user)
    groepen: list[tuple[str, list[tuple[str, str | None]]]] = []
    if t.beheerder or t.provincies:
        groepen.append(
            (
                "IBT-dashboards",
                [
                    (f"IBT-dashboard {p.naam}", _url("provincie", p.slug))
                    for p in zichtbare_provincies(user).order_by("naam")
                ],
            )
        )
    if t.beheerder or t.corporaties:
        groepen.append(
            (
                "Aanbod van corporaties",
                [
                    (f"Aanbod {c.naam}", _url("aanbod_actueel", c.slug))
                    for c in zichtbare_corporaties(user).order_by("naam")
                ],
            )
        )
    groepen.append(
        (
            "Gemeenten",
            [
                (f"Gemeente {g.naam}", _url("gemeente", g.cbs_code))
                for g in zichtbare_gemeenten(user).order_by("naam")
            ],
        )
    )
    if t.beheerder:
        groepen.append(
            (
                "Beheer",
                [("Beheer: gebruikers, organisaties en referentiegegevens", _url("admin:index"))],
            )
        )
    uitkomst = []
    for kop, links in groepen:
        links = [(label, u) for label, u in links if u]
        if links:
            uitkomst.append((kop, links))
    return uitkomst


# More gemeenten than this and the main menu links to the start page's list instead.
MENU_GEMEENTEN = 3


def hoofdmenu(user) -> list[tuple[str, str]]:
    """(label, url) of the main menu: the overviews this user may open, so no page is a dead
    end. A province's gemeenten are linked from its IBT dashboard; the beheerder's areas from
    the start page."""
    t = toegang(user)
    if t.leeg:
        return []
    if t.beheerder:
        links = [("Overzicht", _url("start")), ("Beheer", _url("admin:index"))]
        return [(label, u) for label, u in links if u]
    links: list[tuple[str, str | None]] = []
    for naam, slug in t.menu_provincies:
        links.append((f"IBT-dashboard {naam}", _url("provincie", slug)))
    for naam, slug in t.menu_corporaties:
        links.append((f"Aanbod {naam}", _url("aanbod_actueel", slug)))
    gemeenten = list(t.menu_gemeenten)
    if t.corporaties:
        # A corporatie's few gemeenten all stand in the menu (its start page is its supply).
        werkgebied = Gemeente.objects.filter(pk__in=selectors.gemeente_ids_van(t.corporaties))
        gemeenten = sorted(set(gemeenten) | set(werkgebied.values_list("naam", "cbs_code")))
    if len(gemeenten) > MENU_GEMEENTEN and not t.corporaties:
        links.append(("Alle gemeenten", _url("start")))
    else:
        links += [(f"Gemeente {naam}", _url("gemeente", cbs)) for naam, cbs in gemeenten]
    return [(label, u) for label, u in links if u]
