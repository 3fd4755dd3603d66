"""The household pipeline of a gemeente (issue 14)."""

from django.urls import path

from bemiddeling.huishoudens import views

_H = "gemeenten/<str:cbs>/huishoudens/"

urlpatterns = [
    path(_H, views.huishoudens, name="huishoudens"),
    path(_H + "nieuw/", views.huishouden_nieuw, name="huishouden_nieuw"),
    path(_H + "invoerwijze/", views.invoerwijze, name="huishoudens_invoerwijze"),
    path(_H + "<str:kort>/", views.huishouden, name="huishouden"),
]
