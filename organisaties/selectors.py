"""Which corporatie works in which gemeente (Werkgebied): the one place that reads it.

Access (``organisaties.toegang``), the month entry, the plan (owners of actions) and the
supply pages all ask here, so "works in" means the same everywhere.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import QuerySet

from organisaties.models import Corporatie, Gemeente, Werkgebied


def werkt_in(corporatie_id: int, gemeente_id: int) -> bool:
    return Werkgebied.objects.filter(corporatie_id=corporatie_id, gemeente_id=gemeente_id).exists()


def werkgebieden(gemeente_ids: Iterable[int] | None = None) -> set[tuple[int, int]]:
    """{(corporatie id, gemeente id)}, for all gemeenten or only these, in one query."""
    rijen = Werkgebied.objects.all()
    if gemeente_ids is not None:
        rijen = rijen.filter(gemeente_id__in=list(gemeente_ids))
    return set(rijen.values_list("corporatie_id", "gemeente_id"))


def gemeente_ids_van(corporatie_ids: Iterable[int]) -> QuerySet:
    """Ids of the gemeenten these corporaties work in, as a subquery."""
    return Werkgebied.objects.filter(corporatie_id__in=list(corporatie_ids)).values("gemeente_id")


def corporatie_ids_in(gemeente: Gemeente) -> QuerySet:
    """Ids of the corporaties that work in the gemeente, as a subquery."""
    return Werkgebied.objects.filter(gemeente=gemeente).values("corporatie_id")


def corporaties_in(gemeente: Gemeente) -> list[Corporatie]:
    """The corporaties that work in the gemeente, by name."""
    return list(Corporatie.objects.filter(werkgebied__gemeente=gemeente).order_by("naam"))


def gemeenten_van(corporatie: Corporatie) -> list[Gemeente]:
    """The gemeenten a corporatie works in, by name, with their provincie."""
    return list(
        Gemeente.objects.filter(werkgebied__corporatie=corporatie)
        .select_related("provincie")
        .order_by("naam")
    )


def gemeente_van(corporatie: Corporatie, cbs: str) -> Gemeente | None:
    """The gemeente with this CBS code if the corporatie works there, else None."""
    return (
        Gemeente.objects.filter(cbs_code=cbs.upper(), werkgebied__corporatie=corporatie)
        .select_related("provincie")
        .first()
    )


def bronvermelding(rij) -> str:
    """The source of a row as people cite it: 'Plan van aanpak huisvesting vergunninghouders
    Almere, gemeente Almere, 2 juni 2023, §1', with the row's note after a dash; only the note
    when the row names no document (a source typed in a form, or 'illustratief'); '' for none.
    Pages, PDF and exports all cite through here. Load rows with
    ``select_related("brondocument")`` to keep one query per page."""
    toelichting = (getattr(rij, "bron", "") or "").strip()
    document = getattr(rij, "brondocument", None)
    if document is None:
        return toelichting
    tekst = document.citaat(getattr(rij, "paragraaf", ""))
    return f"{tekst} – {toelichting}" if toelichting else tekst
