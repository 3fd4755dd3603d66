from django.urls import path

from organisaties.views import hulp, start, tokens, tweestaps

urlpatterns = [
    path("", start.start, name="start"),
    path("inloggen/", start.Inloggen.as_view(), name="inloggen"),
    path("uitloggen/", start.uitloggen, name="uitloggen"),
    path("tweestaps/", tweestaps.overzicht, name="tweestaps"),
    path("tweestaps/instellen/", tweestaps.instellen, name="tweestaps_instellen"),
    path("tweestaps/controleren/", tweestaps.controleren, name="tweestaps_controleren"),
    path("tweestaps/reservecodes/", tweestaps.reservecodes, name="tweestaps_reservecodes"),
    path("hulp/", hulp.hulp, name="hulp"),
    path("api-tokens/", tokens.api_tokens, name="api_tokens"),
    path(
        "api-tokens/<int:pk>/intrekken/",
        tokens.api_token_intrekken,
        name="api_token_intrekken",
    ),
]
