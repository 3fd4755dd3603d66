"""Plan (opgaveteam) and supply (corporatie). Keys in paths are natural ones (start date of a
plan, action code, month), so a URL pasted in an e-mail keeps pointing at the same thing."""

from django.urls import include, path

from bemiddeling.views import aanbod, plan

_PLAN = "gemeenten/<str:cbs>/plan/<str:vanaf>/"
_AANBOD = "corporaties/<slug:slug>/aanbod/"

urlpatterns = [
    path("", include("bemiddeling.huishoudens.urls")),  # households (issue 14)
    path("gemeenten/<str:cbs>/plan/", plan.plan, name="plan"),
    path("gemeenten/<str:cbs>/plan/nieuw/", plan.plan_nieuw, name="plan_nieuw"),
    path(_PLAN, plan.plan_tonen, name="plan_tonen"),
    path(_PLAN + "gegevens/", plan.plan_gegevens, name="plan_gegevens"),
    path(_PLAN + "acties/", plan.plan_actie_toevoegen, name="plan_actie_toevoegen"),
    path(_PLAN + "acties/<str:code>/", plan.plan_actie, name="plan_actie"),
    path(
        _PLAN + "acties/<str:code>/verwijderen/",
        plan.plan_actie_verwijderen,
        name="plan_actie_verwijderen",
    ),
    path(_PLAN + "acties/<str:code>/<str:maand>/", plan.plan_cel, name="plan_cel"),
    path(_AANBOD, aanbod.aanbod_actueel, name="aanbod_actueel"),
    path(_AANBOD + "<str:maand>/", aanbod.aanbod, name="aanbod"),
    path(_AANBOD + "<str:maand>/<str:cbs>/", aanbod.aanbod_gemeente, name="aanbod_gemeente"),
    path(
        _AANBOD + "<str:maand>/<str:cbs>/verwijderen/",
        aanbod.aanbod_verwijderen,
        name="aanbod_verwijderen",
    ),
    path(
        _AANBOD + "<str:maand>/<str:cbs>/verwachting/",
        aanbod.aanbodverwachting,
        name="aanbodverwachting",
    ),
]
