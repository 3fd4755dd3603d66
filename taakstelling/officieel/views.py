"""Pages of the province (and the beheerder, read-only): the art. 29 proposal for all its
gemeenten at once, and the exchange ledger (art. 29 lid 2)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from kern.perioden import Halfjaar
from organisaties import toegang
from organisaties.views.schrijven import schrijf
from taakstelling.officieel import selectors, services
from taakstelling.officieel.forms import Art29Formulier, UitruilFormulier
from taakstelling.officieel.models import LandelijkeTaakstelling


def _mag_verdelen(user, provincie) -> bool:
    return provincie.pk in toegang.toegang(user).provincies


def _halfjaar(request) -> tuple[Halfjaar | None, str | None]:
    tekst = request.GET.get("halfjaar")
    if not tekst:
        return None, None
    try:
        return Halfjaar.lees(tekst), None
    except ValueError as e:
        return None, str(e)


@login_required
@require_http_methods(["GET", "POST"])
def art29(request, slug: str):
    provincie = toegang.provincie_of_404(request.user, slug)
    halfjaar, fout = _halfjaar(request)
    halfjaren = sorted(
        {(r.jaar, r.helft) for r in LandelijkeTaakstelling.objects.only("jaar", "helft")},
        reverse=True,
    )
    if halfjaar is None and fout is None and halfjaren:
        halfjaar = Halfjaar(*halfjaren[0])
    kan = _mag_verdelen(request.user, provincie)
    formulier = Art29Formulier(request.POST if request.method == "POST" else None)

    def toon(status=200):
        voorstel = selectors.art29_voorstel(provincie, halfjaar) if halfjaar else None
        return render(
            request,
            "taakstelling/art29.html",
            {
                "provincie": provincie,
                "halfjaar": halfjaar,
                "halfjaren": [Halfjaar(j, h) for j, h in halfjaren],
                "fout": fout,
                "voorstel": voorstel,
                "reeks": selectors.landelijke_reeks(halfjaar) if halfjaar else [],
                "formulier": formulier if kan and voorstel and voorstel.te_wijzigen else None,
            },
            status=status,
        )

    if request.method == "POST":
        if not kan or halfjaar is None:
            raise PermissionDenied("U mag dit niet wijzigen.")
        return schrijf(
            request,
            formulier,
            lambda d: services.art29_toepassen(
                provincie=provincie, halfjaar=halfjaar, door=request.user, reden=d["reden"]
            ),
            melding=lambda regels: (
                f"Taakstelling van {len(regels)} gemeente(n) bijgesteld "
                "volgens art. 29; de prognoses worden herberekend."
            ),
            naar=reverse("provincie_art29", args=[slug]) + f"?halfjaar={halfjaar}",
            opnieuw=lambda: toon(400),
        )
    return toon(400 if fout else 200)


@login_required
@require_http_methods(["GET", "POST"])
def uitruil(request, slug: str):
    provincie = toegang.provincie_of_404(request.user, slug)
    kan = _mag_verdelen(request.user, provincie)
    formulier = None
    if kan:
        formulier = UitruilFormulier(
            request.POST if request.method == "POST" else None, provincie=provincie
        )

    def toon(status=200):
        return render(
            request,
            "taakstelling/uitruil.html",
            {
                "provincie": provincie,
                "uitruilen": selectors.uitruilen(provincie),
                "formulier": formulier,
            },
            status=status,
        )

    if request.method == "POST":
        if not kan:
            raise PermissionDenied("U mag dit niet wijzigen.")

        def dienst(d):
            try:
                halfjaar = Halfjaar.lees(d["halfjaar"])
            except ValueError as e:
                raise ValidationError({"halfjaar": str(e)}) from None
            return services.uitruil_vastleggen(
                provincie=provincie,
                halfjaar=halfjaar,
                neemt_over=d["neemt_over"],
                draagt_over=d["draagt_over"],
                personen=d["personen"],
                instemming_neemt_over=(
                    d["instemming_neemt_over_datum"],
                    d["instemming_neemt_over_kenmerk"],
                ),
                instemming_draagt_over=(
                    d["instemming_draagt_over_datum"],
                    d["instemming_draagt_over_kenmerk"],
                ),
                goedkeuring=(d["goedkeuring_datum"], d["goedkeuring_kenmerk"]),
                door=request.user,
                toelichting=d["toelichting"],
            )

        return schrijf(
            request,
            formulier,
            dienst,
            melding=lambda u: f"Uitruil vastgelegd: {u}. Beide taakstellingen zijn bijgesteld.",
            naar=reverse("provincie_uitruil", args=[slug]),
            opnieuw=lambda: toon(400),
        )
    return toon()
