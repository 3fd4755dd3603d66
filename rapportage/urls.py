from django.urls import path

from rapportage import views, views_overleg

urlpatterns = [
    path("gemeenten/<str:cbs>/", views.gemeente_dashboard, name="gemeente"),
    path("gemeenten/<str:cbs>/overleg/", views_overleg.overleg, name="overleg"),
    path(
        "gemeenten/<str:cbs>/overleg/besluiten/",
        views_overleg.besluit_vastleggen,
        name="overleg_besluit",
    ),
    path("provincies/<slug:slug>/", views.provincie_dashboard, name="provincie"),
]
