from django.urls import path

from rapportage import views

urlpatterns = [
    path("gemeenten/<str:cbs>/", views.gemeente_dashboard, name="gemeente"),
]
