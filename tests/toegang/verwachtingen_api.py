"""The JSON API (/api/v1/): scoped like the pages, but anonymous is 401 (JSON, no redirect).
The OpenAPI description is public: it describes the API and holds no data. Ninja's docs
page (Swagger UI from a CDN) is switched off, so it has no URL to test."""

from tests.toegang.tabel import PERSONAS, Verwachting, lezen

A = "/api/v1/gemeenten/GM0034"
INGELOGD = [p for p in PERSONAS if p != "anoniem"]


def api(**afwijkend: int) -> dict[str, int]:
    return lezen(anoniem=401, **afwijkend)


VERWACHTINGEN = [
    # Ninja's root only exists to anchor the API's paths: 404 for everyone.
    Verwachting("api-root", "/api/v1/", dict.fromkeys(PERSONAS, 404)),
    Verwachting("openapi-json", "/api/v1/openapi.json", dict.fromkeys(PERSONAS, 200)),
    Verwachting(
        "api_gemeenten", "/api/v1/gemeenten", {"anoniem": 401, **dict.fromkeys(INGELOGD, 200)}
    ),
    Verwachting("api_gemeente", A, api()),
    Verwachting("api_gemeente", A + "?peildatum=2023-05-01", api()),
    Verwachting(
        "api_gemeente",
        "/api/v1/gemeenten/GM1708",
        api(
            opgaveteam_a=404,
            opgaveteam_b=200,
            corporatie_a=404,
            corporatie_b=200,
            provincie_a=404,
            provincie_elders=200,
            taskforce_a=404,
        ),
    ),
    Verwachting("api_taakstellingen", A + "/taakstellingen", api()),
    Verwachting("api_realisatie", A + "/realisatie", api()),
    Verwachting("api_realisatie", A + "/realisatie?van=2023-02&tot=2023-03", api()),
    Verwachting("api_aanbod", A + "/aanbod", api()),
    Verwachting("api_huishoudens", A + "/huishoudens", api()),
    Verwachting("api_prognose", A + "/prognose", api()),
    # Read-only: a POST is not allowed for anyone (ninja answers 405 before authenticating).
    Verwachting("api_gemeenten", "/api/v1/gemeenten", dict.fromkeys(PERSONAS, 405), methode="POST"),
]
