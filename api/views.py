"""The read-only JSON API, /api/v1/ (django-ninja), with its OpenAPI description at
/api/v1/openapi.json.

Authentication: a personal API token (``Authorization: Bearer vhm_...``, made on
/api-tokens/) or the browser session. Anonymous requests get 401. Every answer is scoped by
``organisaties.toegang``, exactly as the pages are: a list holds only what the user may see,
another organisation's gemeente is 404. A session that has not done its second step gets 403
(organisaties.middleware); a token is not a session log-in, and is only made behind one.

Ninja's interactive docs page is switched off: it loads its JavaScript from a CDN, which our
CSP (and municipal networks) refuse. The OpenAPI JSON is public: it describes, it holds no data.
"""

from datetime import date, datetime
from typing import Any

from django.http import Http404, HttpRequest
from django.utils import timezone
from ninja import Field, NinjaAPI, Path, Query, Schema
from ninja.security import HttpBearer, django_auth

from bemiddeling import selectors as bemiddeling_selectors
from bemiddeling.huishoudens import selectors as huishouden_selectors
from kern.invoer import lees_peildatum
from kern.perioden import Halfjaar, Maand
from organisaties import toegang, tokens
from prognose import selectors as prognose_selectors
from rapportage import selectors as queries
from rapportage.selectors import afstemming as afstemming_selectors
from rapportage.selectors.stand import positie, positie_als_dict
from taakstelling import selectors as taakstelling_selectors


class TokenAuth(HttpBearer):
    openapi_scheme = "bearer"

    def authenticate(self, request: HttpRequest, token: str):
        return tokens.gebruiker(token)


api = NinjaAPI(
    title="Monitor huisvesting vergunninghouders",
    version="1",
    description=(
        "Alleen lezen. Gemeenten, taakstellingen, realisatie, aanbod en de nieuwste prognose, "
        "met dezelfde rechten als de website. Log in met een persoonlijke sleutel "
        "(`Authorization: Bearer <sleutel>`, te maken op /api-tokens/) of de sessie van de "
        "browser. Personen en woningen zijn aparte grootheden; ontbrekend is `null`, nooit 0."
    ),
    urls_namespace="api",
    auth=[TokenAuth(), django_auth],
    docs_url=None,
    openapi_url="/openapi.json",
)


class Fout(Schema):
    detail: Any


FOUTEN = {401: Fout, 403: Fout, 404: Fout}
# Examples in the OpenAPI description: readers see real values, schemathesis tries them first.
CBS = Path(..., description="CBS-code van de gemeente", example="GM0034")
VAN = Query(None, description="Eerste maand, JJJJ-MM", example="2023-01")
TOT = Query(None, description="Laatste maand, JJJJ-MM", example="2023-04")


class GemeenteUit(Schema):
    cbs_code: str
    naam: str
    provincie: str
    illustratief: bool


class TredeUit(Schema):
    trede: int
    naam: str
    kleur: str
    sinds: date
    reden: str
    verschoonbaar: bool
    verschoonbaar_grond: str


class GemeenteDetailUit(GemeenteUit):
    peildatum: date
    stand: dict[str, Any]
    ibt: TredeUit | None


class BijstellingUit(Schema):
    datum: date
    aantal: int
    reden: str


class TaakstellingUit(Schema):
    periode: str
    jaar: int
    helft: int
    oorspronkelijk: int
    geldend: int
    bijstellingen: list[BijstellingUit]
    illustratief: bool


class RealisatieUit(Schema):
    maand: str
    bron: str
    corporatie: str | None
    personen_gehuisvest: int
    personen_tellend: int
    woningen: int
    illustratief: bool


class AanbodUit(Schema):
    corporatie: str
    maand: str
    mutaties: int
    ongeschikt_label: int
    ongeschikt_huur: int
    ongeschikt_grootte: int
    toegewezen_urgenten: int
    toegewezen_vh: int
    illustratief: bool


class VerschilUit(Schema):
    tussen: str
    eenheid: str
    eigen: int | None
    ander: int | None
    verschil: int | None
    oorzaak: str
    huishoudens: list[str] = Field(
        default_factory=list,
        description="De huishoudens achter het verschil (korte pseudonieme sleutel), waar de "
        "gemeente de maand per huishouden bijhoudt; alleen het opgaveteam ziet de sleutels, "
        "anderen het aantal.",
    )


class AfstemmingsregelUit(Schema):
    periode: str
    naam: str
    verschillen: list[VerschilUit]


class AfstemmingUit(Schema):
    gemeente: str
    halfjaar: str
    regels: list[AfstemmingsregelUit]


class PrognoseUit(Schema):
    gemeente: str
    peildatum: date
    berekend_op: datetime
    herberekening_loopt: bool
    resultaat: dict[str, Any]


def _gebruiker(request):
    return request.auth


def _gemeente(request, cbs: str):
    """The gemeente with this CBS code if the user may see it, else 404 (``toegang``)."""
    return toegang.gemeente_of_404(_gebruiker(request), cbs)


def _gemeente_uit(g) -> dict:
    return {
        "cbs_code": g.cbs_code,
        "naam": g.naam,
        "provincie": g.provincie.naam,
        "illustratief": g.illustratief,
    }


def _maand(tekst: str | None, veld: str) -> Maand | None:
    if not tekst:
        return None
    try:
        return Maand.parse(tekst)
    except ValueError:
        raise _Ongeldig(f"{veld}: '{tekst}' is geen maand; gebruik JJJJ-MM.") from None


class _Ongeldig(Exception):
    pass


@api.exception_handler(_Ongeldig)
def _ongeldig(request, exc):
    return api.create_response(request, {"detail": str(exc)}, status=422)


@api.exception_handler(Http404)
def _niet_gevonden(request, exc):
    return api.create_response(
        request,
        {"detail": "Deze gemeente bestaat niet of u heeft er geen toegang toe."},
        status=404,
    )


@api.get(
    "/gemeenten",
    response={200: list[GemeenteUit], **FOUTEN},
    url_name="api_gemeenten",
    summary="Gemeenten die u mag zien",
    tags=["gemeenten"],
)
def api_gemeenten(request):
    return [_gemeente_uit(g) for g in toegang.zichtbare_gemeenten_op_naam(_gebruiker(request))]


@api.get(
    "/gemeenten/{cbs}",
    response={200: GemeenteDetailUit, 422: Fout, **FOUTEN},
    url_name="api_gemeente",
    summary="Eén gemeente met haar stand op een peildatum",
    tags=["gemeenten"],
)
def api_gemeente(
    request, cbs: str = CBS, peildatum: str | None = Query(None, example="2023-05-01")
):
    g = _gemeente(request, cbs)
    datum, fout = lees_peildatum(peildatum)
    if fout:
        raise _Ongeldig(f"peildatum: {fout}")
    datum = datum or taakstelling_selectors.standaard_peildatum(g)
    trede = queries.treden([g.pk]).get(g.pk, [])
    return {
        **_gemeente_uit(g),
        "peildatum": datum,
        "stand": positie_als_dict(positie(g, datum)),
        "ibt": trede[0].__dict__ if trede else None,
    }


@api.get(
    "/gemeenten/{cbs}/taakstellingen",
    response={200: list[TaakstellingUit], **FOUTEN},
    url_name="api_taakstellingen",
    summary="Taakstelling per halfjaar (personen), met bijstellingen",
    tags=["taakstelling"],
)
def api_taakstellingen(request, cbs: str = CBS):
    g = _gemeente(request, cbs)
    return [
        {
            "periode": str(t.halfjaar),
            "jaar": t.halfjaar.jaar,
            "helft": t.halfjaar.helft,
            "oorspronkelijk": t.oorspronkelijk,
            "geldend": t.geldend,
            "bijstellingen": [vars(b) for b in t.bijstellingen],
            "illustratief": t.illustratief,
        }
        for t in taakstelling_selectors.taakstellingregels(g)
    ]


@api.get(
    "/gemeenten/{cbs}/realisatie",
    response={200: list[RealisatieUit], 422: Fout, **FOUTEN},
    url_name="api_realisatie",
    summary="Realisatie per maand en bron (personen en woningen)",
    tags=["realisatie"],
)
def api_realisatie(request, cbs: str = CBS, van: str | None = VAN, tot: str | None = TOT):
    g = _gemeente(request, cbs)
    rijen = taakstelling_selectors.realisatierijen(g, _maand(van, "van"), _maand(tot, "tot"))
    return [vars(r) | {"maand": str(r.maand)} for r in rijen]


@api.get(
    "/gemeenten/{cbs}/aanbod",
    response={200: list[AanbodUit], 422: Fout, **FOUTEN},
    url_name="api_aanbod",
    summary="Aanbod per corporatie en maand (woningen)",
    description="Een corporatie ziet alleen haar eigen aanbod, zoals op de website.",
    tags=["aanbod"],
)
def api_aanbod(request, cbs: str = CBS, van: str | None = VAN, tot: str | None = TOT):
    g = _gemeente(request, cbs)
    alleen = queries.zichtbare_corporaties(_gebruiker(request), g)
    rijen = bemiddeling_selectors.aanbodrijen(g, alleen, _maand(van, "van"), _maand(tot, "tot"))
    return [
        {"corporatie": r.corporatie, "maand": str(r.maand), "illustratief": r.illustratief}
        | vars(r.cijfers)
        for r in rijen
    ]


@api.get(
    "/gemeenten/{cbs}/prognose",
    response={200: PrognoseUit, **FOUTEN},
    url_name="api_prognose",
    summary="De nieuwste prognose (basis) per mijlpaal",
    description=(
        "Dezelfde JSON als `manage.py prognose <cbs> --format json`, uit de nieuwste "
        "berekening; `herberekening_loopt` is waar als er sindsdien iets is gewijzigd."
    ),
    tags=["prognose"],
)
def api_prognose(request, cbs: str = CBS):
    g = _gemeente(request, cbs)
    snapshot = prognose_selectors.nieuwste_snapshot(g)
    if snapshot is None:
        return 404, {"detail": "Voor deze gemeente is nog geen prognose berekend."}
    return {
        "gemeente": g.cbs_code,
        "peildatum": snapshot.peildatum,
        "berekend_op": timezone.localtime(snapshot.berekend_op),
        "herberekening_loopt": prognose_selectors.herberekening_loopt(g, snapshot),
        "resultaat": snapshot.resultaat,
    }


@api.get(
    "/gemeenten/{cbs}/afstemming",
    response={200: AfstemmingUit, 422: Fout, **FOUTEN},
    url_name="api_afstemming",
    summary="Eigen telling, corporaties en COA naast elkaar, per maand en halfjaar",
    description=(
        "Zoals `manage.py afstemming <cbs> --format json`. Een corporatie vergelijkt alleen "
        "met haar eigen toewijzingen, zoals op de website."
    ),
    tags=["afstemming"],
)
def api_afstemming(
    request,
    cbs: str = CBS,
    halfjaar: str | None = Query(None, example="2023-H1"),
    peildatum: str | None = Query(
        None,
        example="2023-05-01",
        description="De cijfers zoals ze er op die dag voor stonden (COA-overzichten tot en met "
        "die dag; zonder halfjaar dat van de laatste afgelopen maand).",
    ),
):
    g = _gemeente(request, cbs)
    try:
        h = Halfjaar.lees(halfjaar) if halfjaar else None
    except ValueError as e:
        raise _Ongeldig(f"halfjaar: {e}") from None
    op, fout = lees_peildatum(peildatum)
    if fout:
        raise _Ongeldig(f"peildatum: {fout}")
    if h is None and op is not None:
        h = afstemming_selectors.halfjaar_op(op)
    h = h or afstemming_selectors.standaard_halfjaar(g, timezone.localdate())
    alleen = queries.zichtbare_corporaties(_gebruiker(request), g)
    gebruiker = _gebruiker(request)
    regels = afstemming_selectors.voor(
        gebruiker, g, afstemming_selectors.afstemmen(g, h, alleen, op=op), wat="api"
    )
    return afstemming_selectors.als_dict(g, h, regels)


@api.get(
    "/gemeenten/{cbs}/huishoudens",
    response={200: dict[str, Any], 422: Fout, **FOUTEN},
    url_name="api_huishoudens",
    summary="De pijplijn van huishoudens in aantallen (geen huishoudens zelf)",
    description=(
        "Dezelfde JSON als `manage.py pijplijn <cbs> --format json`: aantal per status, "
        "aantal voorbij de norm (10 weken tot huurcontract, 12 tot verhuizing), de grootte van "
        "de wachtende huishoudens met verwachte nareizigers, en personen en woningen verhuisd "
        "per maand. Alleen het opgaveteam van de gemeente ziet kleine aantallen; voor ieder "
        'ander staat 1 tot en met 4 als "<5".'
    ),
    tags=["huishoudens"],
)
def api_huishoudens(request, cbs: str = CBS, peildatum: str | None = Query(None)):
    g = _gemeente(request, cbs)
    datum, fout = lees_peildatum(peildatum)
    if fout:
        raise _Ongeldig(f"peildatum: {fout}")
    return huishouden_selectors.samenvatting_voor(
        _gebruiker(request), g, datum or timezone.localdate()
    )
