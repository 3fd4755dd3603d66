"""Sending the mails: each notification row at most once (issue 16).

The protocol, per row (or per batch of a user's overview):

1. **claim**: in a short transaction, ``SELECT ... FOR UPDATE SKIP LOCKED`` the rows still
   ``nieuw``, set them to ``verzenden`` and commit. A second worker at the same moment skips
   the locked rows and, after the commit, no longer finds them ``nieuw``.
2. **send** the mail over SMTP, outside any transaction.
3. **mark** the rows ``verzonden``.

A worker killed between 1 and 3 leaves the rows at ``verzenden``: the mail may or may not have
left, and nothing sends it again (at most once: a missed mail is visible in the application
and the admin, a duplicate cannot be taken back). A clear failure before the server accepted
the mail (no connection, refused) puts the rows back to ``nieuw`` with one more attempt; the
Celery task retries with backoff, and after ``MAX_POGINGEN`` a row is ``mislukt``.
"""

from __future__ import annotations

import logging
import smtplib
from collections import defaultdict
from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from kern import huishoudens as HH
from kern import opmaak
from meldingen import afmelden, soorten
from meldingen.models import Melding, Soort, Status, Wijze
from organisaties import toegang
from organisaties.models import User

logger = logging.getLogger(__name__)

MAX_POGINGEN = 5


class Tijdelijk(Exception):
    """Sending failed before the server took the mail: the rows are free again, try later."""


def _claim(filter_: dict, *, limiet: int | None = None) -> list[Melding]:
    with transaction.atomic():
        rijen = (
            Melding.objects.select_for_update(skip_locked=True)
            .filter(status=Status.NIEUW, **filter_)
            .order_by("pk")
        )
        if limiet:
            rijen = rijen[:limiet]
        rijen = list(rijen)
        if rijen:
            Melding.objects.filter(pk__in=[m.pk for m in rijen]).update(
                status=Status.VERZENDEN, geclaimd_op=timezone.now()
            )
    return rijen


def _vrijgeven(rijen: list[Melding]) -> None:
    for m in rijen:
        m.pogingen += 1
        m.status = Status.MISLUKT if m.pogingen >= MAX_POGINGEN else Status.NIEUW
    Melding.objects.bulk_update(rijen, ["pogingen", "status"])


def _verzonden(rijen: list[Melding]) -> None:
    Melding.objects.filter(pk__in=[m.pk for m in rijen]).update(
        status=Status.VERZONDEN, verzonden_op=timezone.now()
    )


def _mag_zien(user: User, rijen: list[Melding]) -> list[Melding]:
    """The rows about gemeenten the user may still see (access is checked again at sending:
    an overview goes out weeks after its first row); the others get no mail."""
    zichtbaar = set(toegang.zichtbare_gemeenten(user).values_list("pk", flat=True))
    weg = [
        m.pk
        for m in rijen
        if (m.gemeente_id is not None and m.gemeente_id not in zichtbaar)
        or not _eigen_corporatie(user, m)
    ]
    if weg:
        Melding.objects.filter(pk__in=weg).update(status=Status.GEEN_MAIL)
    return [m for m in rijen if m.pk not in weg]


def _eigen_corporatie(user: User, m: Melding) -> bool:
    """A row about one corporatie's supply (above the cap) only to who still sees that
    corporatie's figures: a corporatie never another's."""
    corporatie = m.gegevens.get("corporatie_id") if m.soort == Soort.PLAFOND_VH else None
    if corporatie is None or m.gemeente is None:
        return True
    alleen = toegang.zichtbare_aanbod_corporaties(user, m.gemeente)
    return alleen is None or corporatie in alleen


def _absoluut(pad: str) -> str:
    return settings.MELDINGEN_BASIS_URL + pad


def _mail(user: User, onderwerp: str, sjabloon: str, context: dict, soort: str | None):
    """Plain text and HTML; the one-click unsubscribe link (for ``soort``, or the overview's
    kinds in its body) in the body and, for a single kind, in the List-Unsubscribe headers."""
    context = {
        **context,
        "user": user,
        "naam": user.get_full_name() or user.username,
        "instellingen_url": _absoluut(reverse("meldingen_instellingen")),
        "meldingen_url": _absoluut(reverse("meldingen")),
    }
    headers = {"Auto-Submitted": "auto-generated"}
    if soort:
        afmeld = afmelden.url(user.pk, soort)
        context["afmeld_url"] = afmeld
        headers["List-Unsubscribe"] = f"<{afmeld}>"
        headers["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
    bericht = EmailMultiAlternatives(
        subject=onderwerp,
        body=render_to_string(f"meldingen/mail/{sjabloon}.txt", context),
        to=[user.email],
        headers=headers,
    )
    bericht.attach_alternative(
        render_to_string(f"meldingen/mail/{sjabloon}.html", context), "text/html"
    )
    return bericht


def _verstuur(bericht) -> None:
    """One SMTP conversation. A failure before the server accepted the message raises
    ``Tijdelijk``; anything after is not ours to know."""
    try:
        with get_connection(fail_silently=False) as verbinding:
            verbinding.send_messages([bericht])
    except (smtplib.SMTPException, OSError) as exc:
        raise Tijdelijk(f"{type(exc).__name__}: {exc}") from exc


def verstuur_melding(melding_id: int) -> bool:
    """Send one direct notification if it is still ``nieuw``; True when this call sent it."""
    rijen = _claim({"pk": melding_id, "wijze": Wijze.DIRECT})
    if not rijen:
        return False
    m = rijen[0]
    user = User.objects.get(pk=m.user_id)
    if not _mag_zien(user, rijen):
        return False
    bericht = _mail(
        user,
        m.titel,
        "direct",
        {"melding": m, "link": _absoluut(reverse("melding_openen", args=[m.pk]))},
        m.soort,
    )
    try:
        _verstuur(bericht)
    except Tijdelijk:
        _vrijgeven(rijen)
        raise
    _verzonden(rijen)
    return True


def te_verzenden_direct(limiet: int = 500) -> list[int]:
    return list(
        Melding.objects.filter(status=Status.NIEUW, wijze=Wijze.DIRECT)
        .order_by("pk")
        .values_list("pk", flat=True)[:limiet]
    )


def verstuur_direct() -> int:
    """Every direct notification still ``nieuw``; returns the number sent. A temporary failure
    of one leaves it for the next run (and is raised after the others were tried)."""
    verzonden, fout = 0, None
    for pk in te_verzenden_direct():
        try:
            verzonden += verstuur_melding(pk)
        except Tijdelijk as exc:
            fout = exc
    if fout is not None:
        raise fout
    return verzonden


# --- the overview (digest) -----------------------------------------------------------------

DIGEST_DAGEN = {"week": 7, "maand": 31}


def _overzicht(rijen: list[Melding], user: User) -> list[dict]:
    """Per gemeente (by name): the verdicts that changed, the households past the norm as
    counts (below 5 as "<5" for whoever sees the households only as totals: the province, the
    taskforce, the beheerder), the months missing, the quotas revised, the probabilities
    fallen."""
    totalen = {
        m.gemeente_id
        for m in rijen
        if m.gemeente is not None
        and toegang.huishoudeninzicht(user, m.gemeente) != toegang.Huishoudeninzicht.VOLLEDIG
    }
    per: dict[str, dict] = {}
    for m in sorted(rijen, key=lambda m: (m.gemeente.naam if m.gemeente else "", m.pk)):
        naam = m.gemeente.naam if m.gemeente else ""
        g = per.setdefault(
            naam,
            {
                "id": m.gemeente_id,
                "naam": naam,
                "oordelen": [],
                "huishoudens": defaultdict(int),
                "maanden": [],
                "overig": [],
            },
        )
        if m.soort in (Soort.OORDEEL_SLECHTER, Soort.OORDEEL_BETER):
            d = m.gegevens
            mijlpaal = opmaak.datum_lang(_datum(d["mijlpaal"]))
            g["oordelen"].append(f"mijlpaal {mijlpaal}: van {d['van']} naar {d['naar']}")
        elif m.soort == Soort.HUISHOUDEN_NORM:
            g["huishoudens"][m.gegevens.get("norm", "")] += int(m.gegevens.get("aantal", 0))
        elif m.soort == Soort.MAAND_ONTBREEKT:
            g["maanden"].append(opmaak.maand(m.gegevens.get("maand")))
        else:
            g["overig"].append(m.titel.split(": ", 1)[-1])
    uitkomst = []
    for g in per.values():
        hh = g.pop("huishoudens")
        g["huishoudens"] = [
            (
                f"{HH.verberg_klein(n)} huishoudens "
                if g["id"] in totalen
                else f"{opmaak.aantal(n, 'huishouden', 'huishoudens')} "
            )
            + (
                "over de 10 weken zonder huurcontract"
                if norm == "contract"
                else "over de 12 weken nog niet verhuisd"
            )
            for norm, n in sorted(hh.items())
            if n
        ]
        uitkomst.append(g)
    return uitkomst


def _datum(tekst: str):
    from datetime import date

    return date.fromisoformat(tekst)


def digest_versturen(ritme: str) -> int:
    """The overview for every user whose rhythm is ``ritme`` (week: the province, maand:
    everyone else) with overview rows still ``nieuw``. A user with nothing new gets no mail.
    Returns the number of mails sent."""
    if ritme not in DIGEST_DAGEN:
        raise ValueError(ritme)
    user_ids = set(
        Melding.objects.filter(status=Status.NIEUW, wijze=Wijze.OVERZICHT).values_list(
            "user_id", flat=True
        )
    )
    verzonden, fout = 0, None
    for user in User.objects.filter(pk__in=user_ids, is_active=True).order_by("pk"):
        if soorten.ritme(user) != ritme:
            continue
        rijen = _claim({"user": user, "wijze": Wijze.OVERZICHT})
        if not rijen:
            continue
        rijen = _mag_zien(
            user,
            list(Melding.objects.filter(pk__in=[m.pk for m in rijen]).select_related("gemeente")),
        )
        if not rijen:
            continue
        soorten_ = sorted({m.soort for m in rijen})
        nu = timezone.localdate()
        van = nu - timedelta(days=DIGEST_DAGEN[ritme])
        aantal = opmaak.aantal(len({m.gemeente_id for m in rijen}), "gemeente", "gemeenten")
        wat = "Weekoverzicht" if ritme == "week" else "Maandoverzicht"
        bericht = _mail(
            user,
            f"{wat} monitor huisvesting vergunninghouders: {aantal}",
            "overzicht",
            {
                "ritme": ritme,
                "van": van,
                "tot": nu,
                "gemeenten": _overzicht(rijen, user),
                "afmelden": [(Soort(s).label, afmelden.url(user.pk, s)) for s in soorten_],
            },
            soorten_[0] if len(soorten_) == 1 else None,
        )
        try:
            _verstuur(bericht)
        except Tijdelijk as exc:
            _vrijgeven(rijen)
            fout = exc
            continue
        _verzonden(rijen)
        verzonden += 1
    if fout is not None:
        raise fout
    return verzonden
