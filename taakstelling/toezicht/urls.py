"""Taakstelling (opgaveteam), AMV cohorts, and the provincie's IBT status and milestones.

Keys in paths are natural ones (half-year, date, month) so a pasted URL stays meaningful."""

from django.urls import path

from taakstelling.toezicht import views as toezicht
from taakstelling.views import taakstelling as t

_G = "gemeenten/<str:cbs>/"
_T = _G + "taakstelling/"
_AMV = _T + "amv/<str:geboren>/<str:gehuisvest>/"

urlpatterns = [
    path(_T, t.taakstelling, name="taakstelling"),
    path(_T + "nieuw/", t.taakstelling_toevoegen, name="taakstelling_toevoegen"),
    path(_T + "openingssaldo/", t.openingssaldo, name="openingssaldo"),
    path(_T + "amv/", t.taakstelling_amv, name="taakstelling_amv"),
    path(_AMV, t.amv_cohort, name="amv_cohort"),
    path(_AMV + "verwijderen/", t.amv_cohort_verwijderen, name="amv_cohort_verwijderen"),
    path(_T + "<str:halfjaar>/", t.taakstelling_wijzigen, name="taakstelling_wijzigen"),
    path(
        _T + "<str:halfjaar>/verwijderen/",
        t.taakstelling_verwijderen,
        name="taakstelling_verwijderen",
    ),
    path(
        _T + "<str:halfjaar>/bijstellingen/", t.bijstelling_toevoegen, name="bijstelling_toevoegen"
    ),
    path(
        _T + "<str:halfjaar>/bijstellingen/<str:datum>/verwijderen/",
        t.bijstelling_verwijderen,
        name="bijstelling_verwijderen",
    ),
    path(_G + "ibt/", toezicht.ibt, name="ibt"),
    path(_G + "mijlpalen/", toezicht.mijlpalen, name="mijlpalen"),
    path(_G + "mijlpalen/<str:datum>/", toezicht.mijlpaal_wijzigen, name="mijlpaal_wijzigen"),
    path(
        _G + "mijlpalen/<str:datum>/verwijderen/",
        toezicht.mijlpaal_verwijderen,
        name="mijlpaal_verwijderen",
    ),
]
