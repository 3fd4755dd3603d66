from django.urls import path

from organisaties import views, views_tokens, views_tweestaps

urlpatterns = [
    path("", views.start, name="start"),
    path("inloggen/", views.Inloggen.as_view(), name="inloggen"),
    path("uitloggen/", views.uitloggen, name="uitloggen"),
    path("tweestaps/", views_tweestaps.overzicht, name="tweestaps"),
    path("tweestaps/instellen/", views_tweestaps.instellen, name="tweestaps_instellen"),
    path("tweestaps/controleren/", views_tweestaps.controleren, name="tweestaps_controleren"),
    path("tweestaps/reservecodes/", views_tweestaps.reservecodes, name="tweestaps_reservecodes"),
    path("api-tokens/", views_tokens.api_tokens, name="api_tokens"),
    path(
        "api-tokens/<int:pk>/intrekken/",
        views_tokens.api_token_intrekken,
        name="api_token_intrekken",
    ),
]
