from datetime import date

from organisaties.models import User
from tests.conftest import DEMO_VANDAAG, PERSONAS


def geef_iedereen_een_adres() -> dict[str, str]:
    """Every persona an e-mail address (the demo has none): persona -> address."""
    adressen = {}
    for persona, naam in PERSONAS.items():
        adres = f"{naam}@example.nl"
        User.objects.filter(username=naam).update(email=adres)
        adressen[persona] = adres
    return adressen


def plan_almere_verlagen(almere) -> None:
    """The first action's dwellings of October to December to 0: the plan for 31 december falls
    from 628 to far below the target of 629 (more than the margin), so risico becomes niet
    haalbaar; 1 oktober keeps its months (May to September)."""
    from bemiddeling.models import Planning

    actie = Planning.objects.filter(gemeente=almere).order_by("actie_id").first().actie_id
    Planning.objects.filter(actie_id=actie, maand__gte=date(2023, 10, 1)).update(woningen=0)


def herberekenen(gemeente) -> None:
    from prognose import services

    services.herberekenen(gemeente.pk, vandaag=DEMO_VANDAAG)
