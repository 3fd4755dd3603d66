from django.urls import path

from prognose import views

urlpatterns = [
    path("gemeenten/<str:cbs>/prognose/", views.prognose, name="prognose"),
    path(
        "gemeenten/<str:cbs>/prognose/scenarios/",
        views.scenario_opslaan,
        name="prognose_scenario_opslaan",
    ),
    path(
        "gemeenten/<str:cbs>/prognose/scenarios/<slug:slug>/verwijderen/",
        views.scenario_verwijderen,
        name="prognose_scenario_verwijderen",
    ),
]
