"""Import (upload -> preview -> confirm), export and the template of monthly figures.

The uploaded file waits between preview and confirmation as an ImportVoorstel (compressed,
for one hour, only for the user who uploaded it; not in the session, which is written on
every request). Confirming checks it again inside the write transaction and refuses when the
saved figures changed since the preview (its fingerprint), so what was shown is what gets
written.
"""

import secrets
import zlib

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from kern import opmaak
from kern.perioden import Maand
from organisaties import toegang
from organisaties.toegang import Handeling
from taakstelling.models import ImportVoorstel
from taakstelling.selectors.realisatie import voorgestelde_maand
from taakstelling.services.importeren import (
    KOLOMMEN,
    MAX_BYTES,
    Importfout,
    Importfouten,
    Importverouderd,
    als_bestand,
    import_controleren,
    lees_bestand,
    realisatie_importeren,
    realisatie_tabel,
    sjabloon_tabel,
)
from taakstelling.services.realisatie import Invoercontext, Invoerfout

TOON_MAX = 500  # changes listed in the preview; the counts cover all
TOON_FOUTEN = 100  # errors listed on a refusal; the count covers all (a small page, always)
MAX_OPEN = 5  # waiting previews per user


def _opruimen() -> None:
    """Previews nobody confirmed within the hour are gone (a bounded table)."""
    ImportVoorstel.objects.filter(aangemaakt__lt=timezone.now() - ImportVoorstel.GELDIG).delete()


def _geweigerd(request, gemeente, fouten: list[Importfout], bestandsnaam: str = ""):
    """The upload page with the first TOON_FOUTEN errors of a refused file and their count."""
    meer = len(fouten) - TOON_FOUTEN
    return render(
        request,
        "taakstelling/import.html",
        _context(
            gemeente,
            fouten=fouten[:TOON_FOUTEN],
            aantal_fouten=len(fouten),
            meer_fouten=f"{meer:,}".replace(",", ".") if meer > 0 else "",
            bestandsnaam=bestandsnaam,
        ),
    )


def _context(gemeente, **extra) -> dict:
    return {
        "gemeente": gemeente,
        "kolommen": ",".join(KOLOMMEN),
        "max_mb": MAX_BYTES // (1024 * 1024),
        "maand": voorgestelde_maand(gemeente, timezone.localdate()),
        **extra,
    }


def _voorbeeld(request, gemeente, plan, naam, token, **extra):
    return render(
        request,
        "taakstelling/import_voorbeeld.html",
        _context(
            gemeente,
            plan=plan,
            bestandsnaam=naam,
            token=token,
            wijzigingen=plan.wijzigingen[:TOON_MAX],
            meer=max(0, len(plan.wijzigingen) - TOON_MAX),
            **extra,
        ),
    )


@login_required
@require_http_methods(["GET", "POST"])
def realisatie_import(request, cbs: str):
    gemeente = toegang.gemeente_of_404(request.user, cbs)
    toegang.vereis(request.user, Handeling.REALISATIE_WIJZIGEN, gemeente=gemeente)
    if request.method == "GET":
        return render(request, "taakstelling/import.html", _context(gemeente))

    bestand = request.FILES.get("bestand")
    if bestand is None:
        return _geweigerd(
            request, gemeente, [Importfout(0, "", "Kies een bestand om te importeren.")]
        )
    if bestand.size > MAX_BYTES:
        fouten = [Importfout(0, "", f"Het bestand is groter dan {MAX_BYTES // 1048576} MB.")]
        return _geweigerd(request, gemeente, fouten)
    inhoud = bestand.read()
    try:
        regels = lees_bestand(bestand.name, inhoud)
        plan = import_controleren(regels=regels, door=request.user, alleen_gemeente=gemeente)
        if plan.fouten:
            raise Importfouten(plan.fouten)
    except Importfouten as e:
        return _geweigerd(request, gemeente, e.fouten, bestand.name)
    _opruimen()
    # A user may have a few previews open (tabs); the oldest beyond that are dropped.
    ouder = ImportVoorstel.objects.filter(door=request.user).order_by("-aangemaakt", "-pk")
    ImportVoorstel.objects.filter(
        pk__in=list(ouder.values_list("pk", flat=True)[MAX_OPEN - 1 :])
    ).delete()
    voorstel = ImportVoorstel.objects.create(
        token=secrets.token_urlsafe(32),
        door=request.user,
        gemeente=gemeente,
        bestandsnaam=bestand.name[:200],
        inhoud=zlib.compress(inhoud),
    )
    return _voorbeeld(request, gemeente, plan, voorstel.bestandsnaam, voorstel.token)


@login_required
@require_http_methods(["POST"])
def realisatie_import_bevestigen(request, cbs: str):
    gemeente = toegang.gemeente_of_404(request.user, cbs)
    toegang.vereis(request.user, Handeling.REALISATIE_WIJZIGEN, gemeente=gemeente)
    # Someone else's preview, one already confirmed, or a made-up token: not found.
    voorstel = ImportVoorstel.objects.filter(
        token=request.POST.get("token", "")[:64], door=request.user, gemeente=gemeente
    ).first()
    if voorstel is None:
        raise Http404("Dit importvoorstel bestaat niet (meer).")
    if voorstel.verlopen:
        voorstel.delete()
        messages.error(
            request, "Dit voorbeeld is verlopen (na een uur); upload het bestand opnieuw."
        )
        return redirect("realisatie_import", cbs=gemeente.cbs_code)
    naam = voorstel.bestandsnaam
    reden = request.POST.get("reden", "")
    try:
        regels = lees_bestand(naam, zlib.decompress(bytes(voorstel.inhoud)))
        plan = realisatie_importeren(
            regels=regels,
            door=request.user,
            bestandsnaam=naam,
            reden=reden,
            alleen_gemeente=gemeente,
            verwachte_vingerafdruk=request.POST.get("vingerafdruk", ""),
        )
    except Importfouten as e:  # the rules or the user's rights changed since the preview
        voorstel.delete()
        return _geweigerd(request, gemeente, e.fouten, naam)
    except Importverouderd as e:
        return _voorbeeld(
            request, gemeente, e.plan, naam, voorstel.token, verouderd=True, reden=reden
        )
    except Invoerfout as e:
        plan = import_controleren(regels=regels, door=request.user, alleen_gemeente=gemeente)
        return _voorbeeld(
            request,
            gemeente,
            plan,
            naam,
            voorstel.token,
            reden=reden,
            reden_fout=next(iter(e.fouten.values())),
        )
    voorstel.delete()
    a = plan.aantallen
    messages.success(
        request,
        f"{naam} is geïmporteerd: {a['nieuw']} nieuw, {a['gewijzigd']} gewijzigd, "
        f"{a['ongewijzigd']} ongewijzigd; "
        f"{opmaak.aantal(len(plan.nieuwe_maanden), 'maand', 'maanden')} voor het eerst ingevuld.",
    )
    return redirect("realisatie_import", cbs=gemeente.cbs_code)


def _download(inhoud: bytes, soort: str, naam: str) -> HttpResponse:
    antwoord = HttpResponse(inhoud, content_type=soort)
    antwoord["Content-Disposition"] = f'attachment; filename="{naam}"'
    return antwoord


@login_required
@require_http_methods(["GET"])
def realisatie_export(request, cbs: str, formaat: str):
    """Everything entered, in the import format: export -> import changes nothing."""
    gemeente = toegang.gemeente_of_404(request.user, cbs)
    inhoud, soort = als_bestand(realisatie_tabel(gemeente), formaat)
    datum = timezone.localdate().isoformat()
    return _download(inhoud, soort, f"realisatie-{gemeente.cbs_code}-{datum}.{formaat}")


@login_required
@require_http_methods(["GET"])
def realisatie_sjabloon(request, cbs: str, formaat: str):
    gemeente = toegang.gemeente_of_404(request.user, cbs)
    try:
        maand = Maand.lees(request.GET.get("maand", ""))
    except ValueError:
        maand = voorgestelde_maand(gemeente, timezone.localdate())
    ctx = Invoercontext.laad([gemeente.pk])
    inhoud, soort = als_bestand(sjabloon_tabel(gemeente, maand, ctx), formaat)
    return _download(inhoud, soort, f"sjabloon-{gemeente.cbs_code}-{maand}.{formaat}")
